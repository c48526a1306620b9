using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

/// <summary>
/// The weighted parts of routing on a small pack of our own, so that each
/// mechanism is seen alone: the lexicon settling what facets leave open, a
/// heavier sheet leading, lists of tasks keeping stage order, companions,
/// setting words, background that cannot override what is asked, and
/// confidence by basis.
/// </summary>
public sealed class WeightedRoutingTests
{
    private static readonly Router Router = new RouterBuilder().UsePack(PackLoader.Load(MiniPack.Manifest, "mini.yaml")).Build();

    private static string[] Destinations(Decision d) =>
        [.. d.Steps.Select(s => s.Sheet).Concat(d.Handoffs.Select(h => h.Pack))];

    private static string Basis(Decision d) => Assert.Single(d.Evidence, e => e.Kind == "basis").Ref;

    [Fact]
    public void Route_OnlyLexiconWords_RoutesToTheLexiconWinner()
    {
        var d = Router.Route("cudagraph capture of a fused kernel looks odd");

        Assert.Equal(DecisionStatus.Routed, d.Status);
        Assert.Equal("tuning", d.Steps[0].Sheet);
        Assert.Equal("model", Basis(d));
        Assert.Contains(d.Evidence, e => e.Kind == "score" && e.Ref == "mini/tuning" && e.Text.Contains("lexicon", StringComparison.Ordinal));
        Assert.Contains(d.Evidence, e => e.Kind == "ask" && e.Text.StartsWith("answered by the question", StringComparison.Ordinal));
        Assert.InRange(d.Confidence, 0.5, 1);
    }

    [Fact]
    public void Route_NoFacetAndNoLexiconWord_AsksTheFallbackQuestion()
    {
        var d = Router.Route("hello there");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal(0, d.Confidence);
    }

    [Fact]
    public void Route_LexiconWinnerTooWeak_StillAsks()
    {
        // 'latency' weighs 1: its lead over the other destinations is under the unfitted margin.
        Assert.Equal(DecisionStatus.Clarify, Router.Route("latency").Status);
    }

    [Fact]
    public void Route_LexiconWinnerOutsideTheBroadNeedsQuestion_DoesNotAnswerIt()
    {
        // 'slow' asks which phase; the lexicon points at another pack, which that question never leads to.
        var d = Router.Route("slow faraway thing");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal("phase", d.Question!.Id);
    }

    [Fact]
    public void Route_LexiconWinnerInsideTheBroadNeedsQuestion_Routes()
    {
        var d = Router.Route("slow cudagraph");

        Assert.Equal(["tuning"], Destinations(d));
    }

    [Fact]
    public void Route_TwoConcernsBalanced_KeepStageOrder()
    {
        Assert.Equal(["serving", "watching"], Destinations(Router.Route("serve it and alert")));
    }

    [Fact]
    public void Route_OneSheetCarriesMostWords_Leads()
    {
        var d = Router.Route("dashboard, drift alert and metric for the server");

        Assert.Equal(["watching", "serving"], Destinations(d));
        Assert.Contains(d.Evidence, e => e is { Kind: "weight", Ref: "watching" });
    }

    [Fact]
    public void Route_ListOfTasks_KeepsStageOrderWhateverTheWeights()
    {
        var d = Router.Route("serve it and then set up dashboard, drift alert and metric");

        Assert.Equal(["serving", "watching"], Destinations(d));
        Assert.Contains(d.Evidence, e => e is { Kind: "weight", Ref: "task-list" });
    }

    [Fact]
    public void Route_ComposedRouteWithItsSignal_GetsTheCompanion()
    {
        var d = Router.Route("the server is stuck");

        Assert.Equal(["serving", "fixing"], Destinations(d));
        Assert.Contains(d.Evidence, e => e is { Kind: "companion", Ref: "fixing" });
    }

    [Fact]
    public void Route_RuleRoute_GetsNoCompanion()
    {
        var d = Router.Route("server broken, alert on it, it is stuck");

        Assert.Equal(["watching", "fixing"], Destinations(d));
        Assert.Equal("rule", Basis(d));
        Assert.Equal(0.7, d.Confidence);
    }

    [Fact]
    public void Route_SettingAloneBesideABroadNeed_AsksTheBroadQuestion()
    {
        var d = Router.Route("slow on gpu");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal("phase", d.Question!.Id);
    }

    [Fact]
    public void Route_ToolAloneBesideABroadNeed_RoutesToTheTool()
    {
        Assert.Equal(["serving"], Destinations(Router.Route("slow bigtool")));
    }

    [Fact]
    public void Route_FacetInTheBackground_DoesNotSetAsideOneThatIsAsked()
    {
        // 'quiet' yields to 'fix', but 'fix' is only in the background here.
        var d = Router.Route("Make the quiet dashboard tuning work. We had to fix the server last week.");

        Assert.Contains("watching", Destinations(d));
    }

    [Fact]
    public void Route_FacetThatYieldsToOneAskedBesideIt_IsSetAside()
    {
        var d = Router.Route("fix the quiet one");

        Assert.Equal(["fixing"], Destinations(d));
        Assert.Contains(d.Evidence, e => e is { Kind: "suppressed", Ref: "quiet" });
    }

    [Fact]
    public void Route_CloseConcerns_HaveTheCloseBasisAndItsConfidence()
    {
        var d = Router.Route("serve it and alert");

        Assert.Equal("composed-close", Basis(d));
        Assert.Equal(0.5, d.Confidence);
    }

    [Fact]
    public void Route_OneConcernOnly_IsClear()
    {
        var d = Router.Route("tune it");

        Assert.Equal("composed-clear", Basis(d));
        Assert.Equal(0.9, d.Confidence);
    }

    [Fact]
    public void Route_AnsweredPath_HasThePathBasis()
    {
        var d = Router.Route("slow", ["serving"]);

        Assert.Equal(["serving"], Destinations(d));
        Assert.Equal("path", Basis(d));
        Assert.Equal(0.65, d.Confidence);
    }
}
