using Wayfinder.Text;
using Xunit;

namespace Wayfinder.Core.Tests.Text;

public sealed class TextNormalizerTests
{
    private static string[] Words(string text) => TextNormalizer.Tokenize(text).Select(t => t.Text).ToArray();

    [Fact]
    public void Tokenize_LowerCasesAndKeepsPositionsInTheOriginalText()
    {
        const string text = "  Deploy THE Model!";

        var tokens = TextNormalizer.Tokenize(text);

        Assert.Equal(["deploy", "the", "model"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(t.Text, text.Substring(t.Start, t.Length).ToLowerInvariant()));
    }

    [Theory]
    [InlineData("max_num_seqs", new[] { "max", "num", "seq" })]
    [InlineData("A/B", new[] { "a", "b" })]
    [InlineData("blue-green", new[] { "blue", "green" })]
    [InlineData("kv-cache,kv_cache;kv.cache", new[] { "kv", "cache", "kv", "cache", "kv", "cache" })]
    [InlineData("don't", new[] { "don", "t" })]
    [InlineData("deploy\u0000now\u0007ok", new[] { "deploy", "now", "ok" })]
    [InlineData("🚀deploy🚀", new[] { "deploy" })]
    [InlineData("int8 A100 fp16", new[] { "int8", "a100", "fp16" })]
    [InlineData("", new string[0])]
    [InlineData("?!-_/", new string[0])]
    public void Tokenize_NonAlphanumericCharactersSplitWords(string text, string[] expected)
    {
        Assert.Equal(expected, Words(text));
    }

    [Fact]
    public void Tokenize_NonLatinLettersMakeWords()
    {
        Assert.Equal(["модель", "медленная"], Words("Модель: медленная!"));
        Assert.Equal(["推論"], Words("推論"));
    }

    [Theory]
    [InlineData("models", "model")]
    [InlineData("replicas", "replica")]
    [InlineData("Deployments", "deployment")]
    [InlineData("class", "class")]
    [InlineData("status", "status")]
    [InlineData("analysis", "analysis")]
    [InlineData("bus", "bus")]
    [InlineData("was", "was")]
    [InlineData("10s", "10s")]
    [InlineData("s", "s")]
    public void Normalize_DropsOnlyAPlainPluralS(string word, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(word));
    }

    [Theory]
    [InlineData("replicas")]
    [InlineData("Dashboards")]
    [InlineData("Runs")]
    [InlineData("metrics")]
    public void Normalize_IsIdempotent_SoPluralFoldingIsSymmetric(string word)
    {
        var once = TextNormalizer.Normalize(word);

        Assert.Equal(once, TextNormalizer.Normalize(once));
        Assert.Equal(once, TextNormalizer.Normalize(once + "s"));
    }

    [Theory]
    [InlineData("GPUs", "gpu")]
    [InlineData("TPUs", "tpu")]
    public void Normalize_AcronymPlural_Folds(string word, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(word));
    }

    [Fact]
    public void Normalize_VeryLongWord_DoesNotOverflow()
    {
        var word = new string('A', 10_000) + "s";

        Assert.Equal(new string('a', 10_000), TextNormalizer.Normalize(word));
    }

    [Fact]
    public void Tokenize_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TextNormalizer.Tokenize(null!));
    }
}
