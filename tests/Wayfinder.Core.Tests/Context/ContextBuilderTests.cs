using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Context;

public sealed class ContextBuilderTests
{
    private static readonly Router Router = Routers.BuiltIn;

    private static ContextResult Build(PackLibrary library, string question, int budget) =>
        ContextBuilder.Build(question, Router.Route(question), library, budget, TokenCounter.O200kBase);

    [Fact]
    public void Build_FixturePacks_PicksTheSectionThatAnswersFirst()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "How do I pick calibration data to quantize my model to INT8?", 60);

        Assert.NotEmpty(result.Sections);
        Assert.Equal("quantization-for-inference", result.Sections[0].Sheet);
        Assert.Contains(result.Sections, s => s.HeadingPath.EndsWith("Calibration data", StringComparison.Ordinal));
        Assert.True(result.Tokens <= 60);
    }

    [Fact]
    public void Build_SectionsComeInRouteOrderAndSheetOrder()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "Quantize the model to INT8 and then serve it behind an HTTP endpoint with dynamic batching", 4000);

        var sheets = result.Sections.Select(s => s.Sheet).Distinct().ToList();
        Assert.Equal(["quantization-for-inference", "model-serving-patterns"], sheets);
        foreach (var group in result.Sections.GroupBy(s => s.Sheet))
        {
            Assert.Equal(group.Select(s => s.StartLine).Order(), group.Select(s => s.StartLine));
        }
    }

    [Fact]
    public void Build_TokensAreCountedWithO200kAndAddUp()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "Quantize the model to INT8 and serve it", 4000);

        Assert.Equal("o200k_base", result.Encoding);
        Assert.All(result.Sections, s => Assert.Equal(TokenCounter.O200kBase.Count(s.Text), s.Tokens));
        Assert.Equal(result.Sections.Sum(s => s.Tokens), result.Tokens);
    }

    [Fact]
    public void Build_NeverCutsASectionOrACodeBlock()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "post-training quantization of the model", 4000);

        foreach (var s in result.Sections)
        {
            var lines = File.ReadAllLines(Path.Combine(f.Root, s.File));
            Assert.Equal(string.Join('\n', lines[(s.StartLine - 1)..s.EndLine]), s.Text);
            Assert.Equal(0, s.Text.Split('\n').Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal)) % 2);
        }
    }

    [Fact]
    public void Build_TinyBudget_GivesNothingRatherThanACutSection()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "Quantize the model to INT8", 3);

        Assert.Empty(result.Sections);
        Assert.Equal(0, result.Tokens);
    }

    [Fact]
    public void Build_RouteToPacksNotLoaded_ListsThemAsMissing()
    {
        using var f = SheetFixture.Standard();
        var library = PackLibrary.Load([], [f.Root]);

        var result = Build(library, "set up drift alerts for the churn model", 4000);

        Assert.Contains("yzmir-ml-production/production-monitoring-and-alerting", result.Missing);
    }

    [Fact]
    public void Build_IsDeterministic()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        const string question = "our LLM hallucinates in production, how do we catch it?";

        var first = WayfinderJson.Serialize(Build(library, question, 2000));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, WayfinderJson.Serialize(Build(library, question, 2000)));
        }
    }

    [Fact]
    public void Build_SharedPacks_HallucinationsInProductionReadsMonitoringThenTheLlmEvaluationSheet()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);

        var result = Build(library, "hallucinations in production", 3000);

        Assert.Empty(result.Missing);
        Assert.True(result.Tokens <= 3000);
        var sheets = result.Sections.Select(s => s.Sheet).Distinct().ToList();
        Assert.Equal(["production-monitoring-and-alerting", "llm-evaluation-metrics"], sheets.Take(2));
        Assert.Contains(result.Sections, s => s.Text.Contains("hallucination", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Build_BeyondTheRoute_SectionsFollowTheRoutesOwnAndNoneAppearsTwice()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);

        var result = Build(library, "hallucinations in production", 3000);
        var route = result.Decision.Steps.Select(s => s.Sheet).ToList();
        var lastOnRoute = result.Sections.Select((s, i) => (s, i)).Where(x => route.Contains(x.s.Sheet)).Max(x => x.i);
        var firstBeyond = result.Sections.Select((s, i) => (s, i)).Where(x => !route.Contains(x.s.Sheet)).Select(x => x.i).DefaultIfEmpty(int.MaxValue).Min();

        Assert.True(lastOnRoute < firstBeyond);
        Assert.Equal(result.Sections.Length, result.Sections.Select(s => (s.File, s.StartLine)).Distinct().Count());
    }

    [Fact]
    public void Build_ClarifyingQuestion_StillGivesSectionsMarkedWithTheirAnswer()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var router = Wayfinder.Core.Tests.Support.Routers.BuiltIn;
        const string question = "my model is too slow";
        var decision = router.Route(question);

        var result = ContextBuilder.Build(question, decision, library, 3000, TokenCounter.O200kBase, more => router.Route(question, more));

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.NotEmpty(result.Sections);
        Assert.All(result.Sections, s => Assert.Contains(s.Branch, decision.Question!.Options.Select(o => o.Answer)));
        Assert.True(result.Tokens <= 3000);
    }

    [Fact]
    public void Build_AnswerThatOnlyAsksAgain_IsFollowedToTheSheetsOfItsLikeliestAnswer()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var router = Wayfinder.Core.Tests.Support.Routers.BuiltIn;
        const string question = "my model is too slow, latency is high";
        var decision = router.Route(question);
        var asksAgain = decision.Question!.Options.Single(o => router.Route(question, [o.Answer]).Status == DecisionStatus.Clarify);
        var further = router.Route(question, [asksAgain.Answer]).Question!;
        var reached = further.Options
            .Select(o => router.Route(question, [asksAgain.Answer, o.Answer]))
            .SelectMany(d => d.Steps.Select(s => s.Sheet).Concat(d.Handoffs.Select(h => h.Sheet ?? "")))
            .ToHashSet(StringComparer.Ordinal);

        var result = ContextBuilder.Build(question, decision, library, 3000, TokenCounter.O200kBase, more => router.Route(question, more));

        Assert.Contains(result.Sections, s => s.Branch == asksAgain.Answer && reached.Contains(s.Sheet));
        Assert.True(result.Tokens <= 3000);
    }

    [Theory]
    [InlineData("inference")]
    [InlineData("training")]
    public void Build_QuestionThatLeans_ReadsOnlyTheBranchItLeansTo(string leaning)
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var router = Wayfinder.Core.Tests.Support.Routers.BuiltIn;
        const string question = "my model is too slow";
        var asked = router.Route(question);
        var decision = asked with { Question = asked.Question! with { Leaning = [leaning] } };
        var reached = LeadsTo(router.Route(question, [leaning]), router, question, leaning);

        var result = ContextBuilder.Build(question, decision, library, 3000, TokenCounter.O200kBase, more => router.Route(question, more));

        Assert.NotEmpty(result.Sections);
        Assert.All(result.Sections.Where(s => s.Branch is not null), s => Assert.Equal(leaning, s.Branch));
        Assert.Contains(result.Sections, s => reached.Contains(s.Pack) || reached.Contains($"{s.Pack}/{s.Sheet}"));
    }

    /// <summary>Where an answer leads: its route's destinations, or those of every answer of the question it asks next.</summary>
    private static HashSet<string> LeadsTo(Decision routed, Router router, string question, string answer)
    {
        IEnumerable<Decision> ends = routed.Question is { } further
            ? further.Options.Select(o => router.Route(question, [answer, o.Answer]))
            : [routed];
        return ends.SelectMany(d => d.Steps.Select(s => $"{s.Pack}/{s.Sheet}").Concat(d.Handoffs.Select(h => h.Sheet is null ? h.Pack : $"{h.Pack}/{h.Sheet}")))
            .ToHashSet(StringComparer.Ordinal);
    }
}
