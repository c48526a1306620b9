using Wayfinder.Evaluation;
using Xunit;

namespace Wayfinder.Core.Tests.Evaluation;

public sealed class GoldSetTests
{
    private const string Source = "gold.jsonl";

    private const string GoodA = """{"id": "a", "query": "canary rollout", "accept_first": ["yzmir-ml-production/deployment-strategies"], "relevant": ["yzmir-ml-production/deployment-strategies"], "clarify": "wrong"}""";

    private const string GoodB = """{"id": "b", "query": "quantize to int8", "accept_first": ["yzmir-ml-production/quantization-for-inference"], "clarify": "allowed"}""";

    private static GoldSet Read(params string[] lines)
    {
        using var reader = new StringReader(string.Join("\n", lines) + "\n");
        return GoldSet.Read(reader, Source);
    }

    [Fact]
    public void Read_FullLine_KeepsEveryField()
    {
        var gold = Read(
            """{"id": "q1", "source": "https://example.org/1", "query": "we use TorchServe on A100s", "accept_first": ["yzmir-ml-production/model-serving-patterns", "yzmir-llm-specialist/*"], "relevant": ["yzmir-ml-production/model-serving-patterns", "yzmir-ml-production/hardware-optimization-strategies"], "clarify": "allowed", "advisories": ["maintenance-mode", "capability-tier"], "split": "dev"}""");

        Assert.Empty(gold.Errors);
        Assert.Equal(Source, gold.Source);
        var q = Assert.Single(gold.Questions);
        Assert.Equal("q1", q.Id);
        Assert.Equal("we use TorchServe on A100s", q.Query);
        Assert.Equal<string>(["yzmir-ml-production/model-serving-patterns", "yzmir-llm-specialist/*"], q.AcceptFirst);
        Assert.Equal<string>(["yzmir-ml-production/model-serving-patterns", "yzmir-ml-production/hardware-optimization-strategies"], q.Relevant);
        Assert.Equal(ClarifyExpectation.Allowed, q.Clarify);
        Assert.Equal<string>(["maintenance-mode", "capability-tier"], q.Advisories);
        Assert.Equal("dev", q.Split);
        Assert.Equal(1, q.Line);
    }

    [Fact]
    public void Read_TextInsteadOfQuery_IsAcceptedAsTheQuery()
    {
        var gold = Read("""{"id": "t", "text": "my model is too slow", "accept_first": [], "clarify": "required"}""");

        Assert.Empty(gold.Errors);
        var q = Assert.Single(gold.Questions);
        Assert.Equal("my model is too slow", q.Query);
        Assert.Equal(ClarifyExpectation.Required, q.Clarify);
    }

    [Fact]
    public void Read_OptionalFieldsAbsent_GiveEmptyListsAndNoSplit()
    {
        var q = Assert.Single(Read("""{"id": "o", "query": "canary rollout", "clarify": "wrong", "advisories": null}""").Questions);

        Assert.Empty(q.AcceptFirst);
        Assert.Empty(q.Relevant);
        Assert.Empty(q.Advisories);
        Assert.Null(q.Split);
    }

    [Fact]
    public void Read_NumericId_IsKeptAsText()
    {
        var q = Assert.Single(Read("""{"id": 42, "query": "canary rollout", "clarify": "wrong"}""").Questions);

        Assert.Equal("42", q.Id);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedButStillNumbered()
    {
        var gold = Read("", GoodA, "   ", "\t", GoodB, "");

        Assert.Empty(gold.Errors);
        Assert.Equal(["a", "b"], gold.Questions.Select(q => q.Id));
        Assert.Equal([2, 5], gold.Questions.Select(q => q.Line));
    }

    [Theory]
    [InlineData("""{"id": "x", "query": """, "not a JSON object")]
    [InlineData("{not json", "not a JSON object")]
    [InlineData("""["x", "canary rollout"]""", "must be a JSON object")]
    [InlineData("\"just a string\"", "must be a JSON object")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("""{"query": "canary rollout", "clarify": "wrong"}""", "'id' is missing")]
    [InlineData("""{"id": null, "query": "canary rollout", "clarify": "wrong"}""", "'id' is missing")]
    [InlineData("""{"id": "x", "clarify": "wrong"}""", "'x': 'query' is missing")]
    [InlineData("""{"id": "x", "query": 7, "clarify": "wrong"}""", "'x': 'query' is missing or not a string")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "maybe"}""", "'x': 'clarify' must be required, allowed or wrong, not 'maybe'")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "Required"}""", "'clarify' must be required, allowed or wrong")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "wrong", "accept_first": ["yzmir-ml-production/deployment-strategies", 3]}""", "'x': 'accept_first' must be a list of strings")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "wrong", "relevant": [null]}""", "'x': 'relevant' must be a list of strings")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "wrong", "advisories": [{"kind": "maintenance-mode"}]}""", "'x': 'advisories' must be a list of strings")]
    [InlineData("""{"id": "x", "query": "canary rollout", "clarify": "wrong", "advisories": "maintenance-mode"}""", "'x': 'advisories' must be a list of strings")]
    public void Read_BadLine_IsReportedWithItsLineNumberAndTheOthersAreKept(string bad, string message)
    {
        var gold = Read(GoodA, "", bad, GoodB);

        var error = Assert.Single(gold.Errors);
        Assert.StartsWith($"{Source}:3: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], gold.Questions.Select(q => q.Id));
        Assert.Equal([1, 4], gold.Questions.Select(q => q.Line));
    }

    [Fact]
    public void Read_DuplicateId_IsReportedAtTheSecondLineAndTheFirstIsKept()
    {
        var gold = Read(
            GoodA,
            GoodB,
            """{"id": "a", "query": "something else entirely", "clarify": "allowed"}""");

        var error = Assert.Single(gold.Errors);
        Assert.StartsWith($"{Source}:3: ", error, StringComparison.Ordinal);
        Assert.Contains("'a'", error, StringComparison.Ordinal);
        Assert.Contains("twice", error, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], gold.Questions.Select(q => q.Id));
        Assert.Equal("canary rollout", gold.Questions[0].Query);
    }

    [Fact]
    public void Read_SeveralBadLines_AreEachReportedInOrder()
    {
        var gold = Read("{", GoodA, """{"query": "q"}""", GoodB, """{"id": "b", "query": "again"}""");

        Assert.Equal(["1", "3", "5"], gold.Errors.Select(e => e.Split(':')[1]));
        Assert.Equal(["a", "b"], gold.Questions.Select(q => q.Id));
    }

    [Fact]
    public void Read_FromPath_NamesTheFileInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wayfinder-gold-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, GoodA + "\n{bad\n");
        try
        {
            var gold = GoldSet.Read(path);

            Assert.Equal(path, gold.Source);
            Assert.Single(gold.Questions);
            Assert.StartsWith($"{path}:2: ", Assert.Single(gold.Errors), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InSplit_FiltersBySplitAndNullGivesAll()
    {
        var gold = Read(
            """{"id": "d1", "query": "canary rollout", "clarify": "wrong", "split": "dev"}""",
            """{"id": "t1", "query": "quantize to int8", "clarify": "wrong", "split": "test"}""",
            """{"id": "n1", "query": "drift alerts", "clarify": "wrong"}""",
            """{"id": "d2", "query": "model registry", "clarify": "wrong", "split": "dev"}""");

        Assert.Equal(["d1", "d2"], gold.InSplit("dev").Select(q => q.Id));
        Assert.Equal(["t1"], gold.InSplit("test").Select(q => q.Id));
        Assert.Empty(gold.InSplit("holdout"));
        Assert.Equal(["d1", "t1", "n1", "d2"], gold.InSplit(null).Select(q => q.Id));
    }

    [Fact]
    public void Read_LoneSurrogateEscape_IsReportedWithItsLineNumberAndTheOthersAreKept()
    {
        using var reader = new StringReader("{\"id\": \"a\", \"query\": \"x \\ud800 y\", \"clarify\": \"wrong\"}\n{\"id\": \"b\", \"query\": \"canary\", \"clarify\": \"wrong\"}\n");

        var gold = GoldSet.Read(reader, "g");

        Assert.StartsWith("g:1: ", Assert.Single(gold.Errors), StringComparison.Ordinal);
        Assert.Equal(["b"], gold.Questions.Select(q => q.Id));
    }
}
