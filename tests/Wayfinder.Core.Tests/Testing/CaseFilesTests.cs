using Wayfinder.Core.Tests.Support;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Testing;
using Xunit;

namespace Wayfinder.Core.Tests.Testing;

/// <summary>Where a skill's case files are found and how each is read: the format by content, every bad line with its line, the rest kept.</summary>
public sealed class CaseFilesTests
{
    [Fact]
    public void Parse_JsonLines_AreGoldCasesWithTheirLinesAndAnswers()
    {
        var file = CaseFiles.Parse("cases.jsonl", """
            {"query": "dense loaf", "accept_first": ["sourdough-bread"]}

            {"id": "icing", "query": "split buttercream", "accept_first": ["bakery/cake-icing"], "clarify": "allowed", "answers": ["cakes"]}
            """);

        Assert.Equal(CaseFormat.Gold, file.Format);
        Assert.Empty(file.Problems);
        Assert.Equal([1, 3], file.Gold.Select(q => q.Line));
        Assert.Equal(["line 1", "icing"], file.Gold.Select(q => q.Id));
        Assert.Equal(ClarifyExpectation.Wrong, file.Gold[0].Clarify);
        Assert.Equal<string>(["cakes"], file.Gold[1].Answers);
    }

    [Fact]
    public void Parse_JsonArray_IsTriggerQueriesWithTheLineEachObjectStartsOn()
    {
        var file = CaseFiles.Parse("eval_queries.json", CaseFixtures.BakeryTriggers);

        Assert.Equal(CaseFormat.Trigger, file.Format);
        Assert.Empty(file.Problems);
        Assert.Equal([2, 3, 4], file.Triggers.Select(q => q.Line));
        Assert.Equal([true, false, true], file.Triggers.Select(q => q.ShouldTrigger));
    }

    [Fact]
    public void Parse_MalformedGoldLines_NameFileAndLineAndKeepTheRest()
    {
        var file = CaseFiles.Parse("bad.jsonl", """
            {"query": "dense loaf", "accept_first": ["sourdough-bread"]}
            not json
            {"query": "icing", "accept_first": ["cake-icing"], "clarify": "maybe"}
            {"query": "", "accept_first": ["cake-icing"]}
            {"query": "no destination and nothing to ask"}
            {"id": 7, "query": "icing", "accept_first": "cake-icing"}
            {"query": "split buttercream", "accept_first": ["cake-icing"]}
            """);

        Assert.Equal([1, 7], file.Gold.Select(q => q.Line));
        StartWith(
            [
                "bad.jsonl:2: not a JSON object",
                "bad.jsonl:3: 'clarify' must be required, allowed or wrong, not 'maybe'",
                "bad.jsonl:4: 'query': the question is empty",
                "bad.jsonl:5: 'accept_first' is empty and 'clarify' is not 'required'",
                "bad.jsonl:6: '7': 'accept_first' must be a list of strings",
            ],
            file.Problems);
    }

    [Fact]
    public void Parse_MalformedTriggerObjects_NameTheirLineAndKeepTheRest()
    {
        var file = CaseFiles.Parse("eval_queries.json", """
            [
              {"query": "sourdough starter", "should_trigger": true},
              {"query": "bike chain", "should_trigger": "no"},
              "a bare string",
              {"should_trigger": false},
              {"query": "flat tyre", "should_trigger": false}
            ]
            """);

        Assert.Equal([2, 6], file.Triggers.Select(q => q.Line));
        StartWith(
            [
                "eval_queries.json:3: 'should_trigger' is missing or not true or false",
                "eval_queries.json:4: a trigger query must be a JSON object",
                "eval_queries.json:5: 'query' is missing or not a string",
            ],
            file.Problems);
    }

    [Fact]
    public void Parse_BrokenJsonArray_KeepsTheQueriesBeforeTheBreakAndNamesItsLine()
    {
        var file = CaseFiles.Parse("eval_queries.json", "[\n  {\"query\": \"sourdough\", \"should_trigger\": true},\n  {\"query\": \"icing\" \"should_trigger\": true}\n]\n");

        Assert.Equal("sourdough", Assert.Single(file.Triggers).Query);
        var problem = Assert.Single(file.Problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("[]")]
    public void Parse_NoCase_IsAProblemNotAPass(string text)
    {
        var file = CaseFiles.Parse("empty.jsonl", text);

        Assert.Equal(0, file.Count);
        Assert.Equal("empty.jsonl:1: holds no routing case", Assert.Single(file.Problems).ToString());
    }

    [Fact]
    public void Of_FindsEachNameBesideSkillMdThenInEvals()
    {
        using var f = CaseFixtures.Packs();
        f.Write($"{CaseFixtures.BakerySkill}/evals/train_queries.json", CaseFixtures.BakeryTriggers);
        f.Write($"{CaseFixtures.BakerySkill}/eval_queries.json", CaseFixtures.BakeryTriggers);
        f.Write($"{CaseFixtures.BakerySkill}/routing-cases.jsonl", CaseFixtures.BakeryCases);
        f.Write($"{CaseFixtures.BakerySkill}/other-cases.jsonl", CaseFixtures.BakeryCases);
        var bakery = PackLibrary.Load([], [f.Root]).FindPack("bakery")!;

        var files = CaseFiles.Of(bakery);

        Assert.Equal(
            ["routing-cases.jsonl", "eval_queries.json", "evals/train_queries.json"],
            files.Select(x => Path.GetRelativePath(CaseFixtures.Path(f, CaseFixtures.BakerySkill), x.Path).Replace('\\', '/')));
        Assert.Equal([CaseFormat.Gold, CaseFormat.Trigger, CaseFormat.Trigger], files.Select(x => x.Format));
    }

    [Fact]
    public void Of_PackWithoutCaseFiles_HasNone()
    {
        using var f = CaseFixtures.Packs();

        Assert.Empty(CaseFiles.Of(PackLibrary.Load([], [f.Root]).FindPack("bicycle")!));
    }

    [Fact]
    public void Read_MissingFile_IsOneProblemNamingIt()
    {
        var file = CaseFiles.Read("/nonexistent/routing-cases.jsonl");

        Assert.Equal(0, file.Count);
        Assert.StartsWith("/nonexistent/routing-cases.jsonl:1: cannot be read", Assert.Single(file.Problems).ToString(), StringComparison.Ordinal);
    }

    /// <summary>Each problem, in order, starts with its expected text (the parser's own words after it may vary by runtime).</summary>
    private static void StartWith(string[] expected, IReadOnlyList<LineError> problems)
    {
        Assert.Equal(expected.Length, problems.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], problems[i].ToString(), StringComparison.Ordinal);
        }
    }
}
