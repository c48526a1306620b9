using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Evaluation;
using Wayfinder.Marketplace;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Marketplace;

/// <summary>Routing across packs: which pack, then which sheet, with the reasons; asking when two fit equally; saying so when none fits.</summary>
public sealed class MarketRouterTests
{
    private static MarketRouter Router(SheetFixture f) => new(PackLibrary.Load([], [f.Root]).Packs, Routers.BuiltIn);

    private static string First(Decision d) => MarketEval.First(d);

    [Theory]
    [InlineData("my tomato seedlings have blight on their leaves", "garden/tomato-growing")]
    [InlineData("black spot on the climbing roses", "garden/rose-pruning")]
    [InlineData("the kitchen sink drain is clogged and slow", "plumbing/blocked-drains")]
    [InlineData("dripping tap needs a new washer", "plumbing/leaking-taps")]
    public void Route_GoesToThePackAndSheetWhoseWordsFit(string question, string expected)
    {
        using var f = MarketFixtures.Listed();

        var decision = Router(f).Route(question, []);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal(expected, First(decision));
    }

    [Fact]
    public void Route_EvidenceSaysWhyThisPackAndNotTheRunnerUp()
    {
        using var f = MarketFixtures.Listed();

        var decision = Router(f).Route("my tomato seedlings have blight", []);

        var scores = decision.Evidence.Where(e => e.Kind == EvidenceKind.Score).ToList();
        Assert.StartsWith("pack score", scores[0].Text, StringComparison.Ordinal);
        Assert.Equal("garden", scores[0].Ref);
        Assert.StartsWith("runner-up score", scores[1].Text, StringComparison.Ordinal);
        Assert.Equal("plumbing", scores[1].Ref);
        Assert.Contains(decision.Evidence, e => e.Kind == EvidenceKind.File && e.Ref == "garden/tomato-growing" && e.Text.EndsWith("tomato-growing.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_QuestionNoPackFits_SaysSoInsteadOfForcingARoute()
    {
        using var f = MarketFixtures.Listed();

        var decision = Router(f).Route("quarterly tax filing deadline extension", []);

        Assert.Equal(DecisionStatus.None, decision.Status);
        Assert.Empty(decision.Steps);
        Assert.Empty(decision.Handoffs);
        Assert.True(decision.NoSignal);
        Assert.Contains(decision.Evidence, e => e.Kind == EvidenceKind.Ask && e.Ref == "none");
    }

    [Fact]
    public void Route_TwoPacksFittingEqually_AsksWhichWithThePacksAsOptions_AndTheAnswerPicksIt()
    {
        using var f = new SheetFixture();
        MarketFixtures.Garden(f, "garden");
        MarketFixtures.Garden(f, "allotment");
        var router = Router(f);

        var asked = router.Route("tomato seedlings with blight", []);
        var answered = router.Route("tomato seedlings with blight", ["allotment"]);

        Assert.Equal(DecisionStatus.Clarify, asked.Status);
        Assert.Equal("pack", asked.Question!.Id);
        Assert.Equal(["allotment", "garden"], asked.Question.Options.Select(o => o.Answer).Order(StringComparer.Ordinal));
        Assert.Equal("allotment/tomato-growing", First(answered));
    }

    [Fact]
    public void RouteIn_StaysInsideThePackNamed()
    {
        using var f = MarketFixtures.Listed();

        var decision = Router(f).RouteIn("plumbing", "tomato seedlings with blight and a dripping tap", []);

        Assert.All(decision.Steps, s => Assert.Equal("plumbing", s.Pack));
        Assert.Throws<ArgumentException>(() => Router(f).RouteIn("no-such-pack", "a question", []));
    }

    [Fact]
    public void Route_BuiltInPackStandsInForItsTwin()
    {
        var router = new MarketRouter(PackLibrary.Load([], [SharedPacks.Directory]).Packs, Routers.BuiltIn);

        var decision = router.Route("canary rollout with automatic rollback", []);

        Assert.Equal(Routers.BuiltIn.Route("canary rollout with automatic rollback").Steps, decision.Steps);
        Assert.NotEqual(DecisionBasis.Markdown, decision.Basis);
    }

    [Fact]
    public void Route_AHandOffOfTheBuiltInPack_LeadsToASheetOfTheLoadedPack()
    {
        var router = new MarketRouter(PackLibrary.Load([], [SharedPacks.Directory]).Packs, Routers.BuiltIn);

        var decision = router.Route("hallucinations in production", []);

        var handoff = Assert.Single(decision.Handoffs);
        Assert.Equal("yzmir-llm-specialist", handoff.Pack);
        Assert.NotNull(handoff.Sheet);
        Assert.Contains(decision.Evidence, e => e.Kind == EvidenceKind.File && e.Ref == $"yzmir-llm-specialist/{handoff.Sheet}");
    }

    [Fact]
    public void Route_IsTheSameOnEveryThreadAndEveryRun()
    {
        using var f = MarketFixtures.Listed();
        var router = Router(f);
        string[] questions = ["tomato blight", "clogged drain under the sink", "roses", "quarterly taxes", "washer for the tap and pruning roses"];
        var expected = questions.Select(q => WayfinderJson.Serialize(router.Route(q, []))).ToList();

        var results = new string[8][];
        Parallel.For(0, 8, t => results[t] = [.. questions.Select(q => WayfinderJson.Serialize(router.Route(q, [])))]);

        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Equal(expected, questions.Select(q => WayfinderJson.Serialize(Router(f).Route(q, []))));
    }

    [Fact]
    public void Route_BadQuestion_IsRefusedAsAnywhere()
    {
        using var f = MarketFixtures.Listed();

        var refused = Assert.Throws<WayfinderError>(() => Router(f).Route("   ", []));

        Assert.Equal(WayfinderErrorKind.Invalid, refused.Kind);
    }
}
