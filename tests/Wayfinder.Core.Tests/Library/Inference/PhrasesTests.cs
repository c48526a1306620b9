using Wayfinder.Library.Inference;
using Xunit;

namespace Wayfinder.Core.Tests.Library.Inference;

public sealed class PhrasesTests
{
    private static readonly HashSet<string> PackWords = ["production"];

    [Theory]
    [InlineData("reduce model size", "reduc* ~ size")]
    [InlineData("model not learning", "not learn*")]
    [InlineData("loss isn't decreasing", "loss ~ not decreas*")]
    [InlineData("no-fly zones", "no fly ~ zone")]
    [InlineData("A/B testing", "a b testing*")]
    [InlineData("the", null)]
    [InlineData("one two three four five six words here", null)]
    public void Term_Phrase_KeepsItsWordsInOrderAndItsNegation(string phrase, string? term) =>
        Assert.Equal(term, Phrases.Term(phrase));

    [Fact]
    public void Terms_NegatedByNot_AlsoMatchTheContractedForm() =>
        Assert.Equal(["not learn*", "t learn*"], Phrases.Terms("not learning"));

    [Theory]
    [InlineData("Which optimizer?", new string[0])]
    [InlineData("Hallucinations in production", new string[0])]
    [InlineData("Deploy and monitor model", new[] { "deploy", "monitor" })]
    [InlineData("Loss not decreasing after warmup", new[] { "loss", "not decreasing", "after", "warmup" })]
    public void RuleWords_FewerThanTwoOfTheirOwn_MakeNoRule(string phrase, string[] words) =>
        Assert.Equal(words, Phrases.RuleWords(phrase, PackWords));

    [Theory]
    [InlineData("Hallucinations in production", "hallucination")]
    [InlineData("Deploy and monitor model", null)]
    public void LoneWord_OneWordBesidesThePacksOwn_IsThatWord(string phrase, string? word) =>
        Assert.Equal(word, Phrases.LoneWord(phrase, PackWords));

    [Fact]
    public void Items_Description_SplitsAtCommasBracketsAndAnd() =>
        Assert.Equal(["FastAPI", "gRPC", "batching", "containers", "REST APIs"], Phrases.Items("FastAPI, gRPC, batching and containers (REST APIs)"));
}
