using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Evaluation;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class EvalCommandTests : IDisposable
{
    private static readonly string[] Gold =
    [
        """{"id": "e-canary", "query": "canary rollout", "accept_first": ["yzmir-ml-production/deployment-strategies"], "relevant": ["yzmir-ml-production/deployment-strategies"], "clarify": "wrong"}""",
        """{"id": "e-int8", "query": "quantize to int8", "accept_first": ["yzmir-ml-production/quantization-for-inference"], "relevant": ["yzmir-ml-production/quantization-for-inference"], "clarify": "wrong", "advisories": ["stale-knowledge"]}""",
        """{"id": "e-slow", "query": "my model is too slow", "accept_first": [], "clarify": "required"}""",
        """{"id": "e-train", "query": "my training doesn't converge", "accept_first": ["yzmir-training-optimization/*"], "relevant": ["yzmir-training-optimization/*"], "clarify": "wrong"}""",
        """{"id": "e-torchserve", "query": "we use TorchServe on A100s", "accept_first": ["yzmir-ml-production/model-serving-patterns"], "relevant": ["yzmir-ml-production/model-serving-patterns"], "clarify": "allowed", "advisories": ["maintenance-mode"]}""",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"wayfinder-eval-{Guid.NewGuid():N}");

    public EvalCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteGold(params string[] lines)
    {
        var path = Path.Combine(_dir, $"gold-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static EvalReport Expected(IQuestionMatcher matcher, string gold) =>
        EvalRunner.Run(matcher, GoldSet.Read(gold).Questions, Routers.BuiltIn.Pack).Report;

    private static string Line(Cli.Result result, string start) =>
        Assert.Single(result.OutLines, l => l.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Eval_GoldFile_PrintsEveryFigureWithItsCountsAndTheConfusionTable()
    {
        var gold = WriteGold(Gold);
        var expected = Expected(Matchers.Default(Routers.BuiltIn), gold);

        var result = Cli.Run(["eval", gold]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains($"({Gold.Length} questions)", result.OutLines[0], StringComparison.Ordinal);
        Assert.EndsWith($"({expected.Correct}/{Gold.Length})", Line(result, "accuracy"), StringComparison.Ordinal);
        Assert.EndsWith($"({expected.ClarifyRequiredAsked}/{expected.ClarifyRequired})", Line(result, "clarify-recall"), StringComparison.Ordinal);
        Assert.EndsWith($"({expected.FalseClarify}/{expected.ClearQuestions})", Line(result, "false-clarify"), StringComparison.Ordinal);
        Assert.EndsWith($"({expected.RelevantHit}/{expected.RelevantTotal})", Line(result, "relevant-recall@3"), StringComparison.Ordinal);
        Assert.EndsWith($"({expected.AdvisoryHit}/{expected.AdvisoryTotal})", Line(result, "advisory-recall"), StringComparison.Ordinal);
        Assert.Matches(@"^ms per question\s+\d+\.\d{3}$", Line(result, "ms per question"));
        Assert.Contains("confusion by concern (default): rows expected, columns decided", result.OutLines);
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("misses", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_SheetsFolderHoldingNoPack_IsAUsageError()
    {
        var gold = WriteGold(Gold);
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "no-packs")).FullName;

        var result = Cli.Run(["eval", gold, "-m", "bm25", "--sheets", empty]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains($"no packs found in {empty}", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Eval_NothingToCount_PrintsNotApplicable()
    {
        var gold = WriteGold(Gold[0]);
        var expected = Expected(Matchers.Default(Routers.BuiltIn), gold);

        var result = Cli.Run(["eval", gold]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Matches(@"^clarify-recall\s+n/a$", Line(result, "clarify-recall"));
        Assert.Matches(@"^advisory-recall\s+n/a$", Line(result, "advisory-recall"));
        Assert.EndsWith($"({expected.FalseClarify}/1)", Line(result, "false-clarify"), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_TwoMatchers_PrintsBothInOneHeaderAndTheRatioToTheBestOfTheOthers()
    {
        var gold = WriteGold(Gold);
        var mine = Expected(Matchers.Default(Routers.BuiltIn), gold);
        var bm25 = Expected(Matchers.Bm25(SheetCorpus.FromPack(Routers.BuiltIn.Pack), Routers.BuiltIn.Pack), gold);

        var result = Cli.Run(["eval", gold, "-m", "default", "-m", "bm25"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Single(result.OutLines, l => Regex.IsMatch(l, @"^default\s+bm25$"));
        Assert.Matches($@"^accuracy\s+\S+% \({mine.Correct}/{Gold.Length}\)\s+\S+% \({bm25.Correct}/{Gold.Length}\)$", Line(result, "accuracy"));
        Assert.True(bm25.Correct > 0);
        var ratio = Line(result, "default / best of the others (bm25) accuracy: ");
        var expectedRatio = Math.Round(100.0 * mine.Correct / mine.Items, 1) / Math.Round(100.0 * bm25.Correct / bm25.Items, 1);
        Assert.EndsWith(expectedRatio.ToString("0.00", CultureInfo.InvariantCulture) + "x", ratio, StringComparison.Ordinal);
        Assert.Contains("confusion by concern (default): rows expected, columns decided", result.OutLines);
        Assert.Contains("confusion by concern (bm25): rows expected, columns decided", result.OutLines);
    }

    [Fact]
    public void Eval_Json_GivesOneObjectPerMatcherWithCounts()
    {
        var gold = WriteGold(Gold);
        var mine = Expected(Matchers.Default(Routers.BuiltIn), gold);
        var bm25 = Expected(Matchers.Bm25(SheetCorpus.FromPack(Routers.BuiltIn.Pack), Routers.BuiltIn.Pack), gold);

        var result = Cli.Run(["eval", gold, "-m", "default", "-m", "bm25", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var runs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["default", "bm25"], runs.Select(r => r.GetProperty("matcher").GetString()));
        foreach (var (run, report) in runs.Zip([mine, bm25]))
        {
            Assert.Equal(Gold.Length, run.GetProperty("items").GetInt32());
            var accuracy = run.GetProperty("accuracy");
            Assert.Equal(report.Correct, accuracy.GetProperty("hit").GetInt32());
            Assert.Equal(Gold.Length, accuracy.GetProperty("of").GetInt32());
            Assert.Equal(Math.Round(report.Accuracy, 1), accuracy.GetProperty("percent").GetDouble());
            Assert.Equal(report.ClarifyRequired, run.GetProperty("clarifyRecall").GetProperty("of").GetInt32());
            Assert.Equal(Gold.Length - report.Correct, run.GetProperty("misses").GetArrayLength());
            Assert.Equal(Gold.Length, run.GetProperty("confusion").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()));
        }
    }

    [Fact]
    public void Eval_ShowMisses_ListsEachMissWithItsId()
    {
        var gold = WriteGold(
            Gold[0],
            """{"id": "e-mislabelled", "query": "canary rollout", "accept_first": ["yzmir-ml-production/model-compression-techniques"], "clarify": "wrong"}""");

        var result = Cli.Run(["eval", gold, "--show-misses"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains("misses (default): 1", result.OutLines);
        Assert.Contains("- e-mislabelled [wrong] expected yzmir-ml-production/model-compression-techniques", result.OutLines);
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("- e-canary", StringComparison.Ordinal));
        Assert.Contains("query: canary rollout", result.OutLines);
    }

    [Fact]
    public void Eval_UnknownMatcher_IsAUsageErrorNamingIt()
    {
        var result = Cli.Run(["eval", WriteGold(Gold), "-m", "default", "-m", "tfidf"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("'tfidf'", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Eval_MissingGoldFile_IsAUsageErrorNamingIt()
    {
        var path = Path.Combine(_dir, "absent.jsonl");

        var result = Cli.Run(["eval", path]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(path, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Eval_GoldWithoutUsableQuestion_IsAUsageError()
    {
        var result = Cli.Run(["eval", WriteGold("{broken", "")]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("no usable question", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_BadGoldLine_IsReportedWithFileAndLineAndTheRestIsScored()
    {
        var gold = WriteGold(Gold[0], Gold[1], """{"id": "e-bad", "query": "canary", "clarify": "sometimes"}""", Gold[2]);

        var result = Cli.Run(["eval", gold]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains($"{gold}:3: ", result.Err, StringComparison.Ordinal);
        Assert.Contains("'clarify'", result.Err, StringComparison.Ordinal);
        Assert.Contains("(3 questions)", result.OutLines[0], StringComparison.Ordinal);
        Assert.Matches(@"\(\d/3\)$", Line(result, "accuracy"));
    }

    [Fact]
    public void Eval_EmptyQuestion_IsReportedAndCountsAsAMiss()
    {
        var gold = WriteGold(Gold[0], """{"id": "e-empty", "query": " ", "accept_first": ["yzmir-ml-production/deployment-strategies"], "clarify": "wrong"}""");

        var result = Cli.Run(["eval", gold, "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains("e-empty", result.Err, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        var run = json.RootElement[0];
        Assert.Equal(1, run.GetProperty("missing").GetInt32());
        Assert.Equal("e-empty", Assert.Single(run.GetProperty("misses").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public void Eval_Split_ScoresOnlyThatSplit()
    {
        var gold = WriteGold(
            Gold[0].Replace("}", ", \"split\": \"dev\"}", StringComparison.Ordinal),
            Gold[1].Replace("}", ", \"split\": \"test\"}", StringComparison.Ordinal),
            Gold[3].Replace("}", ", \"split\": \"dev\"}", StringComparison.Ordinal));

        var result = Cli.Run(["eval", gold, "--split", "dev", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement[0].GetProperty("items").GetInt32());
    }

    [Fact]
    public void Eval_DecisionsOut_WritesOneLinePerQuestionWithItsId()
    {
        var gold = WriteGold(Gold);
        var outDir = Path.Combine(_dir, "decisions");

        var result = Cli.Run(["eval", gold, "--decisions-out", outDir]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var lines = File.ReadAllLines(Path.Combine(outDir, "default.jsonl"));
        Assert.Equal(Gold.Length, lines.Length);
        foreach (var (line, question) in lines.Zip(GoldSet.Read(gold).Questions))
        {
            using var decision = JsonDocument.Parse(line);
            Assert.Equal(question.Id, decision.RootElement.GetProperty("id").GetString());
            Assert.Equal(Routers.BuiltIn.Route(question.Query).Status, decision.RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(["default.jsonl"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void Eval_MarkdownMatcherWithoutPacks_IsAUsageError()
    {
        var gold = Path.Combine(Path.GetTempPath(), $"wayfinder-gold-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(gold, "{\"id\": \"a\", \"query\": \"canary rollout\", \"accept_first\": [\"yzmir-ml-production/deployment-strategies\"], \"relevant\": [], \"clarify\": \"wrong\"}\n");
        try
        {
            var result = Cli.Run(["eval", gold, "--matcher", "markdown"]);

            Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
            Assert.Contains("--packs", result.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(gold);
        }
    }

    [Fact]
    public void Eval_MarkdownMatcherOverSharedPacks_ScoresInTheRoutingPacksNames()
    {
        var gold = Path.Combine(Path.GetTempPath(), $"wayfinder-gold-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(gold, "{\"id\": \"a\", \"query\": \"canary rollout for the new model\", \"accept_first\": [\"yzmir-ml-production/deployment-strategies\"], \"relevant\": [], \"clarify\": \"wrong\"}\n");
        try
        {
            var result = Cli.Run(["eval", gold, "--matcher", "markdown", "--packs", Support.SharedPacks.Directory]);

            Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
            Assert.Contains("100.0% (1/1)", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(gold);
        }
    }
}
