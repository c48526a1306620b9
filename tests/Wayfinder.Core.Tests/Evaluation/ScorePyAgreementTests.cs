using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Evaluation;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Evaluation;

/// <summary>
/// The C# scorer must give the same figures as <c>shared/eval/score.py</c>
/// on the same decisions: both are run and every count is compared.
/// </summary>
public sealed partial class ScorePyAgreementTests
{
    /// <summary>
    /// A gold set with required, allowed and clear questions, relevant lists,
    /// advisories, a pack-wide hand-off and an empty question (no decision),
    /// so that every figure has something to count.
    /// </summary>
    private static readonly string[] MixedGold =
    [
        """{"id": "m-slow", "query": "my model is too slow", "accept_first": [], "relevant": [], "clarify": "required"}""",
        """{"id": "m-vague", "query": "xyzzy plugh", "accept_first": ["yzmir-ml-production/production-debugging-techniques"], "relevant": ["yzmir-ml-production/production-debugging-techniques"], "clarify": "required"}""",
        """{"id": "m-torchserve", "query": "we use TorchServe on A100s", "accept_first": ["yzmir-ml-production/model-serving-patterns"], "relevant": ["yzmir-ml-production/model-serving-patterns", "yzmir-ml-production/hardware-optimization-strategies"], "clarify": "wrong", "advisories": ["maintenance-mode", "capability-tier", "stale-knowledge"]}""",
        """{"id": "m-canary", "query": "canary rollout", "accept_first": ["yzmir-ml-production/deployment-strategies"], "relevant": ["yzmir-ml-production/deployment-strategies", "yzmir-ml-production/production-monitoring-and-alerting"], "clarify": "allowed"}""",
        """{"id": "m-int8", "text": "quantize to int8", "accept_first": ["yzmir-ml-production/quantization-for-inference"], "relevant": ["yzmir-ml-production/quantization-for-inference"], "clarify": "wrong", "advisories": ["stale-knowledge"]}""",
        """{"id": "m-train", "query": "my training doesn't converge", "accept_first": ["yzmir-training-optimization/*"], "relevant": ["yzmir-training-optimization/*", "yzmir-pytorch-engineering/*"], "clarify": "wrong"}""",
        """{"id": "m-rag", "query": "how do I design a RAG pipeline", "accept_first": ["yzmir-llm-specialist/*"], "relevant": ["yzmir-llm-specialist/rag-architecture-patterns"], "clarify": "allowed", "advisories": ["capability-tier"]}""",
        """{"id": "m-drift", "query": "how do I detect data drift and alert on it", "accept_first": ["yzmir-ml-production/production-monitoring-and-alerting"], "relevant": ["yzmir-ml-production/production-monitoring-and-alerting"], "clarify": "wrong"}""",
        """{"id": "m-wrong-gold", "query": "canary rollout with shadow traffic", "accept_first": ["yzmir-ml-production/model-compression-techniques"], "relevant": ["yzmir-ml-production/model-compression-techniques"], "clarify": "wrong"}""",
        """{"id": "m-empty", "query": "   ", "accept_first": ["yzmir-ml-production/deployment-strategies"], "relevant": ["yzmir-ml-production/deployment-strategies"], "clarify": "wrong", "advisories": ["stale-knowledge"]}""",
    ];

    private static string EvalDirectory()
    {
        var eval = SourceTree.Shared("eval");
        Assert.True(File.Exists(Path.Combine(eval, "score.py")), $"{eval} has no score.py");
        return eval;
    }

    private static IQuestionMatcher Matcher(string name)
    {
        var router = Router.CreateBuiltIn();
        return name switch
        {
            "default" => Matchers.Default(router),
            "bm25" => Matchers.Bm25(SheetCorpus.FromPack(router.Pack), router.Pack),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown matcher"),
        };
    }

    private sealed record PyFigures(int Items, int Missing, (double Percent, int Hit, int Of)[] Figures);

    private static async Task<PyFigures> RunScorePy(string script, string gold, string decisions)
    {
        var start = new ProcessStartInfo("python3")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(gold);
        start.ArgumentList.Add(decisions);
        start.Environment["PYTHONUTF8"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"python3 is needed to run {script}: {ex.Message}");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            var stdout = await output;
            Assert.True(process.ExitCode == 0, $"score.py exited with {process.ExitCode}:{Environment.NewLine}{await error}");

            var items = ItemsLine().Match(stdout);
            Assert.True(items.Success, $"no 'items' line in score.py output:{Environment.NewLine}{stdout}");
            var accuracy = AccuracyLine().Match(stdout);
            var clarify = ClarifyLine().Match(stdout);
            var relevant = RelevantLine().Match(stdout);
            Assert.True(accuracy.Success && clarify.Success && relevant.Success, $"unexpected score.py output:{Environment.NewLine}{stdout}");
            return new PyFigures(
                Int(items.Groups[1]),
                Int(items.Groups[2]),
                [
                    Figure(accuracy, 1),
                    Figure(clarify, 1),
                    Figure(clarify, 4),
                    Figure(relevant, 1),
                    Figure(relevant, 4),
                ]);
        }
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    private static (double, int, int) Figure(Match m, int first) =>
        (m.Groups[first].Value == "nan" ? double.NaN : double.Parse(m.Groups[first].Value, CultureInfo.InvariantCulture), Int(m.Groups[first + 1]), Int(m.Groups[first + 2]));

    [GeneratedRegex(@"^items (\d+)\s+missing (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ItemsLine();

    [GeneratedRegex(@"^accuracy (nan|[\d.]+)%\s+\((\d+)/(\d+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex AccuracyLine();

    [GeneratedRegex(@"^clarify-recall (nan|[\d.]+)% \((\d+)/(\d+)\)\s+false-clarify (nan|[\d.]+)% \((\d+)/(\d+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex ClarifyLine();

    [GeneratedRegex(@"^relevant-recall@3 (nan|[\d.]+)% \((\d+)/(\d+)\)\s+advisory-recall (nan|[\d.]+)% \((\d+)/(\d+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex RelevantLine();

    private static async Task<EvalReport> AssertAgreement(string goldPath, string matcherName, string scoreScript)
    {
        var gold = GoldSet.Read(goldPath);
        Assert.Empty(gold.Errors);
        var matcher = Matcher(matcherName);
        var run = EvalRunner.Run(matcher, gold.Questions, Router.CreateBuiltIn().Pack);
        var decisionsPath = Path.Combine(Path.GetTempPath(), $"wayfinder-decisions-{matcherName}-{Guid.NewGuid():N}.jsonl");
        try
        {
            var lines = run.Decisions.Where(d => d is not null).Select(d => WayfinderJson.Serialize(d!));
            await File.WriteAllLinesAsync(decisionsPath, lines, new UTF8Encoding(false));

            var py = await RunScorePy(scoreScript, goldPath, decisionsPath);

            var r = run.Report;
            Assert.Equal(py.Items, r.Items);
            Assert.Equal(py.Missing, r.Missing);
            (string Name, double Percent, int Hit, int Of)[] ours =
            [
                ("accuracy", r.Accuracy, r.Correct, r.Items),
                ("clarify-recall", r.ClarifyRecall, r.ClarifyRequiredAsked, r.ClarifyRequired),
                ("false-clarify", r.FalseClarifyRate, r.FalseClarify, r.ClearQuestions),
                ("relevant-recall@3", r.RelevantRecallAt3, r.RelevantHit, r.RelevantTotal),
                ("advisory-recall", r.AdvisoryRecall, r.AdvisoryHit, r.AdvisoryTotal),
            ];
            for (var i = 0; i < ours.Length; i++)
            {
                var (name, percent, hit, of) = ours[i];
                var (pyPercent, pyHit, pyOf) = py.Figures[i];
                Assert.True(
                    (pyHit, pyOf) == (hit, of),
                    $"{matcherName} {name}: score.py counts {pyHit}/{pyOf}, C# counts {hit}/{of}");
                Assert.True(
                    double.IsNaN(pyPercent) ? double.IsNaN(percent) : Math.Abs(pyPercent - percent) <= 0.05 + 1e-9,
                    $"{matcherName} {name}: score.py {pyPercent}%, C# {percent}%");
            }

            return r;
        }
        finally
        {
            File.Delete(decisionsPath);
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("bm25")]
    public async Task Score_DevQuestions_AgreesWithScorePy(string matcher)
    {
        var eval = EvalDirectory();

        var report = await AssertAgreement(Path.Combine(eval, "dev-questions.jsonl"), matcher, Path.Combine(eval, "score.py"));

        Assert.True(report.Items > 0);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("bm25")]
    public async Task Score_MixedGoldWithEveryFigure_AgreesWithScorePy(string matcher)
    {
        var eval = EvalDirectory();
        var goldPath = Path.Combine(Path.GetTempPath(), $"wayfinder-gold-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(goldPath, MixedGold, new UTF8Encoding(false));
        try
        {
            var report = await AssertAgreement(goldPath, matcher, Path.Combine(eval, "score.py"));

            // The gold set is only a fair check if every figure had something to count.
            Assert.Equal(MixedGold.Length, report.Items);
            Assert.Equal(1, report.Missing);
            Assert.True(report.ClarifyRequired > 0);
            Assert.True(report.ClearQuestions > 0);
            Assert.True(report.RelevantTotal > 0);
            Assert.True(report.AdvisoryTotal > 0);
        }
        finally
        {
            File.Delete(goldPath);
        }
    }

    [Fact]
    public async Task Score_DefaultRouterOnMixedGold_AsksAndCarriesAdvisories()
    {
        // Guards the mixed gold set: the default router must still ask on a vague question and
        // attach advisories, otherwise the agreement test above compares zeros.
        var eval = EvalDirectory();
        var goldPath = Path.Combine(Path.GetTempPath(), $"wayfinder-gold-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(goldPath, MixedGold, new UTF8Encoding(false));
        try
        {
            var report = await AssertAgreement(goldPath, "default", Path.Combine(eval, "score.py"));

            Assert.True(report.ClarifyRequiredAsked > 0);
            Assert.True(report.AdvisoryHit > 0);
            Assert.True(report.RelevantHit > 0);
        }
        finally
        {
            File.Delete(goldPath);
        }
    }
}
