using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Evaluation;

public sealed class ScorerTests
{
    private const string Quantization = "yzmir-ml-production/quantization-for-inference";
    private const string Hardware = "yzmir-ml-production/hardware-optimization-strategies";
    private const string Serving = "yzmir-ml-production/model-serving-patterns";
    private const string Deployment = "yzmir-ml-production/deployment-strategies";
    private const string Monitoring = "yzmir-ml-production/production-monitoring-and-alerting";

    private static RoutingPack Pack => Routers.BuiltIn.Pack;

    private static GoldQuestion Gold(
        string id,
        string clarify = ClarifyExpectation.Wrong,
        string[]? acceptFirst = null,
        string[]? relevant = null,
        string[]? advisories = null) =>
        new(id, $"question {id}", [.. acceptFirst ?? []], [.. relevant ?? []], clarify, [.. advisories ?? []], null, 1);

    /// <summary>A decision naming <paramref name="destinations"/> in order: yzmir-ml-production sheets as steps, the rest as hand-offs.</summary>
    private static Decision Routed(params string[] destinations)
    {
        var steps = new List<Step>();
        var handoffs = new List<Handoff>();
        var order = 0;
        foreach (var d in destinations)
        {
            var (pack, sheet) = (d[..d.IndexOf('/', StringComparison.Ordinal)], d[(d.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            if (pack == "yzmir-ml-production")
            {
                steps.Add(new Step(pack, sheet, Pack.SheetsById[sheet].ConcernId, "test", ++order));
            }
            else
            {
                handoffs.Add(new Handoff(pack, sheet == "*" ? null : sheet, "test", ++order));
            }
        }

        return new Decision(steps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff, steps, null, handoffs, [], []);
    }

    private static Decision Asks() =>
        new(DecisionStatus.Clarify, [], new ClarifyingQuestion("concern", "Which concern?", []), [], [], []);

    private static Decision WithAdvisories(Decision decision, params string[] kinds) =>
        decision with { Advisories = [.. kinds.Select(k => new Advisory(k, "subject", "text"))] };

    private static EvalReport Score(params (GoldQuestion Gold, Decision? Decision)[] items) =>
        Scorer.Score("test", [.. items.Select(i => i.Gold)], [.. items.Select(i => i.Decision)], Pack);

    [Theory]
    [InlineData(Quantization, Quantization, true)]
    [InlineData(Quantization, Hardware, false)]
    [InlineData("yzmir-ml-production/quantization", Quantization, false)]
    [InlineData("yzmir-llm-specialist/rag-architecture-patterns", "yzmir-llm-specialist/rag-architecture-patterns", true)]
    [InlineData("yzmir-llm-specialist/rag-architecture-patterns", "yzmir-llm-specialist/*", true)]
    [InlineData("yzmir-llm-specialist/*", "yzmir-llm-specialist/*", true)]
    [InlineData("yzmir-llm-specialist/*", "yzmir-llm-specialist/rag-architecture-patterns", false)]
    [InlineData("yzmir-llm-specialist-extra/rag-architecture-patterns", "yzmir-llm-specialist/*", false)]
    [InlineData("yzmir-training-optimization/*", "yzmir-llm-specialist/*", false)]
    [InlineData(Quantization, "yzmir-ml-production/*", true)]
    [InlineData(Quantization, "ml-production/quantization-for-inference", true)]
    [InlineData("ml-production/quantization-for-inference", Quantization, true)]
    [InlineData("yzmir-llm-specialist/rag-architecture-patterns", "llm-specialist/*", true)]
    [InlineData("yzmir-llm-specialist/rag-architecture-patterns", "specialist/*", false)]
    [InlineData("yzmir-llm-specialist/rag-architecture-patterns", "other-llm-specialist/*", false)]
    public void Hit_Pattern_MatchesExactSheetOrAnySheetOfThePack(string destination, string pattern, bool expected)
    {
        Assert.Equal(expected, Scorer.Hit(destination, [pattern]));
    }

    [Fact]
    public void Hit_SeveralPatterns_MatchesWhenAnyDoes()
    {
        Assert.True(Scorer.Hit(Hardware, [Quantization, "yzmir-llm-specialist/*", Hardware]));
        Assert.False(Scorer.Hit(Serving, [Quantization, "yzmir-llm-specialist/*", Hardware]));
        Assert.False(Scorer.Hit(Serving, []));
    }

    [Fact]
    public void Destinations_ListsStepsThenHandoffsWithStarForPackWideHandoffs()
    {
        var decision = new Decision(
            DecisionStatus.Routed,
            [new Step("yzmir-ml-production", "model-serving-patterns", "serving", "w", 1), new Step("yzmir-ml-production", "deployment-strategies", "serving", "w", 2)],
            null,
            [new Handoff("yzmir-training-optimization", null, "w", 3), new Handoff("yzmir-llm-specialist", "rag-architecture-patterns", "w", 4)],
            [],
            []);

        Assert.Equal<string>(
            [Serving, Deployment, "yzmir-training-optimization/*", "yzmir-llm-specialist/rag-architecture-patterns"],
            Scorer.Destinations(decision));
    }

    [Fact]
    public void Destinations_ClarifyDecision_IsEmpty()
    {
        Assert.Empty(Scorer.Destinations(Asks()));
    }

    [Fact]
    public void Score_FirstDestinationInAcceptFirst_IsCorrectAndLaterOnesDoNotCount()
    {
        var report = Score(
            (Gold("first", acceptFirst: [Quantization, Hardware]), Routed(Hardware, Serving)),
            (Gold("second-only", acceptFirst: [Quantization]), Routed(Hardware, Quantization)),
            (Gold("pack-wide", acceptFirst: ["yzmir-llm-specialist/*"]), Routed("yzmir-llm-specialist/rag-architecture-patterns")),
            (Gold("no-destination", acceptFirst: [Quantization]), new Decision(DecisionStatus.Handoff, [], null, [], [], [])));

        Assert.Equal(4, report.Items);
        Assert.Equal(2, report.Correct);
        Assert.Equal(0, report.Missing);
        Assert.Equal(50.0, report.Accuracy);
        Assert.Equal([true, false, true, false], report.Questions.Select(q => q.Correct));
        Assert.Equal(["second-only", "no-destination"], report.Misses.Select(m => m.Gold.Id));
    }

    [Fact]
    public void Score_AskingOnAClearQuestion_IsAFalseClarifyAndAMiss()
    {
        var report = Score(
            (Gold("asked", acceptFirst: [Quantization]), Asks()),
            (Gold("routed", acceptFirst: [Quantization]), Routed(Quantization)));

        Assert.Equal(1, report.Correct);
        Assert.Equal(2, report.ClearQuestions);
        Assert.Equal(1, report.FalseClarify);
        Assert.Equal(50.0, report.FalseClarifyRate);
        Assert.False(report.Questions[0].Correct);
        Assert.Equal(0, report.ClarifyRequired);
        Assert.True(double.IsNaN(report.ClarifyRecall));
    }

    [Fact]
    public void Score_AskingWhenAllowed_IsCorrectAndNeitherRecallNorFalseClarify()
    {
        var report = Score(
            (Gold("asked", ClarifyExpectation.Allowed, [Quantization]), Asks()),
            (Gold("routed-right", ClarifyExpectation.Allowed, [Quantization]), Routed(Quantization)),
            (Gold("routed-wrong", ClarifyExpectation.Allowed, [Quantization]), Routed(Serving)));

        Assert.Equal([true, true, false], report.Questions.Select(q => q.Correct));
        Assert.Equal(0, report.ClarifyRequired);
        Assert.Equal(0, report.ClearQuestions);
        Assert.Equal(0, report.FalseClarify);
    }

    [Fact]
    public void Score_Required_OnlyAskingIsCorrectAndCountsInClarifyRecall()
    {
        var report = Score(
            (Gold("asked", ClarifyExpectation.Required), Asks()),
            (Gold("routed", ClarifyExpectation.Required, [Quantization]), Routed(Quantization)),
            (Gold("asked-too", ClarifyExpectation.Required), Asks()),
            (Gold("clear", acceptFirst: [Serving]), Routed(Serving)));

        Assert.Equal([true, false, true, true], report.Questions.Select(q => q.Correct));
        Assert.Equal(3, report.ClarifyRequired);
        Assert.Equal(2, report.ClarifyRequiredAsked);
        Assert.Equal(100.0 * 2 / 3, report.ClarifyRecall, 9);
        Assert.Equal(1, report.ClearQuestions);
        Assert.Equal(0, report.FalseClarify);
        Assert.Equal(3, report.Correct);
    }

    [Fact]
    public void Score_RelevantRecall_CountsOnlyTheFirstThreeDestinationsOfDecisionsThatDoNotAsk()
    {
        var report = Score(
            (Gold("top3", acceptFirst: [Quantization], relevant: [Quantization, Deployment, Monitoring]), Routed(Quantization, Hardware, Deployment, Monitoring)),
            (Gold("asked", ClarifyExpectation.Allowed, [Quantization], relevant: [Quantization, Hardware]), Asks()),
            (Gold("pack-wide", acceptFirst: ["yzmir-llm-specialist/*"], relevant: ["yzmir-llm-specialist/*", Serving]), Routed("yzmir-llm-specialist/rag-architecture-patterns")));

        // top3: quantization and deployment found, monitoring is fourth; asked: not counted; pack-wide: 1 of 2.
        Assert.Equal(5, report.RelevantTotal);
        Assert.Equal(3, report.RelevantHit);
        Assert.Equal(60.0, report.RelevantRecallAt3, 9);
    }

    [Fact]
    public void Score_AdvisoryRecall_CountsEachExpectedKindOnEveryDecision()
    {
        var report = Score(
            (Gold("both", acceptFirst: [Serving], advisories: [AdvisoryKind.MaintenanceMode, AdvisoryKind.CapabilityTier]), WithAdvisories(Routed(Serving), AdvisoryKind.MaintenanceMode, AdvisoryKind.StaleKnowledge)),
            (Gold("asked", ClarifyExpectation.Allowed, advisories: [AdvisoryKind.StaleKnowledge]), WithAdvisories(Asks(), AdvisoryKind.StaleKnowledge)),
            (Gold("none-expected", acceptFirst: [Serving]), WithAdvisories(Routed(Serving), AdvisoryKind.ToolNotConcern)));

        Assert.Equal(3, report.AdvisoryTotal);
        Assert.Equal(2, report.AdvisoryHit);
        Assert.Equal(100.0 * 2 / 3, report.AdvisoryRecall, 9);
    }

    [Fact]
    public void Score_NullDecision_IsMissingAndAMissAndCountsNothingElse()
    {
        var report = Score(
            (Gold("gone", acceptFirst: [Quantization], relevant: [Quantization], advisories: [AdvisoryKind.StaleKnowledge]), null),
            (Gold("gone-required", ClarifyExpectation.Required), null),
            (Gold("there", acceptFirst: [Quantization]), Routed(Quantization)));

        Assert.Equal(3, report.Items);
        Assert.Equal(2, report.Missing);
        Assert.Equal(1, report.Correct);
        Assert.Equal(["gone", "gone-required"], report.Misses.Select(m => m.Gold.Id));
        Assert.All(report.Misses, m => Assert.Null(m.Decision));
        Assert.All(report.Misses, m => Assert.Equal(Scorer.NoneLabel, m.Predicted));
        Assert.Equal(0, report.ClarifyRequired);
        Assert.Equal(1, report.ClearQuestions);
        Assert.Equal(0, report.RelevantTotal);
        Assert.Equal(0, report.AdvisoryTotal);
    }

    [Fact]
    public void Score_NothingToCount_GivesNaNFiguresAndNullPercents()
    {
        var empty = Score();

        Assert.Equal(0, empty.Items);
        Assert.True(double.IsNaN(empty.Accuracy));
        Assert.True(double.IsNaN(empty.ClarifyRecall));
        Assert.True(double.IsNaN(empty.FalseClarifyRate));
        Assert.True(double.IsNaN(empty.RelevantRecallAt3));
        Assert.True(double.IsNaN(empty.AdvisoryRecall));

        var summary = EvalSummary.From(new EvalRun(Score((Gold("only", ClarifyExpectation.Allowed, [Quantization]), Routed(Quantization))), [null], TimeSpan.Zero, []));
        Assert.Equal(new Figure(100.0, 1, 1), summary.Accuracy);
        Assert.Equal(new Figure(null, 0, 0), summary.ClarifyRecall);
        Assert.Equal(new Figure(null, 0, 0), summary.FalseClarify);
        Assert.Equal(new Figure(null, 0, 0), summary.RelevantRecallAt3);
        Assert.Equal(new Figure(null, 0, 0), summary.AdvisoryRecall);
    }

    [Fact]
    public void Score_DecisionCountDifferentFromGold_Throws()
    {
        Assert.Throws<ArgumentException>(() => Scorer.Score("test", [Gold("a"), Gold("b")], [Routed(Quantization)], Pack));
    }

    [Fact]
    public void Score_Confusion_LabelsConcernsHandoffsClarifyAndNone()
    {
        var report = Score(
            (Gold("opt", acceptFirst: [Quantization]), Routed(Quantization)),
            (Gold("serving-as-opt", acceptFirst: [Deployment]), Routed(Hardware)),
            (Gold("handoff", acceptFirst: ["yzmir-llm-specialist/*"]), Routed("yzmir-llm-specialist/rag-architecture-patterns")),
            (Gold("observability-to-handoff", acceptFirst: [Monitoring]), Routed("yzmir-training-optimization/*")),
            (Gold("required", ClarifyExpectation.Required, [Quantization]), Asks()),
            (Gold("allowed-no-accept", ClarifyExpectation.Allowed), Routed(Serving)),
            (Gold("empty", acceptFirst: [Serving]), new Decision(DecisionStatus.Routed, [], null, [], [], [])),
            (Gold("missing", acceptFirst: ["yzmir-training-optimization/*"]), null));

        Assert.Equal(
            [
                ("optimization", "optimization"),
                ("serving", "optimization"),
                ("hand-off", "hand-off"),
                ("observability", "hand-off"),
                ("clarify", "clarify"),
                ("clarify", "serving"),
                ("serving", "none"),
                ("hand-off", "none"),
            ],
            report.Questions.Select(q => (q.Expected, q.Predicted)));
        Assert.Equal(8, report.Confusion.Values.Sum());
    }

    [Fact]
    public void Score_Confusion_CountsRepeatedPairs()
    {
        var report = Score(
            (Gold("a", acceptFirst: [Quantization]), Routed(Hardware)),
            (Gold("b", acceptFirst: [Hardware]), Routed(Quantization)),
            (Gold("c", acceptFirst: [Serving]), Asks()));

        Assert.Equal(
            [("optimization", "optimization", 2), ("serving", "clarify", 1)],
            report.Confusion.Select(c => (c.Key.Expected, c.Key.Predicted, c.Value)));
    }
}
