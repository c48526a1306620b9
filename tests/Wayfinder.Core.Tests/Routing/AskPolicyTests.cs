using System.Collections.Immutable;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Scoring;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

/// <summary>
/// The ask policy, seen through a router on the mini pack with a model
/// written by hand: a question the rules propose is asked unless its context
/// (the question without the words that raised it) says enough and points
/// inside the question's answers; answers passed back decide alone; a
/// composed route is re-ordered only past the override margin. Then the
/// router options the policy and composition read, checked when built.
/// </summary>
public sealed class AskPolicyTests
{
    /// <summary>The unfitted weights with some features set.</summary>
    private static ImmutableArray<double> Weights(params (string Feature, double Weight)[] set)
    {
        var weights = RouteModel.Unfitted("mini").Weights;
        foreach (var (feature, weight) in set)
        {
            var at = RouteModel.FeatureNames.IndexOf(feature);
            Assert.True(at >= 0, $"no feature '{feature}'");
            weights = weights.SetItem(at, weight);
        }

        return weights;
    }

    private static RouteModel Model(double margin = 0.3, double minSignal = 0, double @override = 2, double overrideFixed = 2, ImmutableArray<double>? weights = null) =>
        RouteModel.Unfitted("mini") with
        {
            Weights = weights ?? RouteModel.Unfitted("mini").Weights,
            Ask = new AskSettings(margin, minSignal, @override, overrideFixed),
        };

    /// <summary>A model in which the lexicon outweighs the composed route's first place.</summary>
    private static RouteModel LexiconLeads(double @override, double overrideFixed = 2) =>
        Model(@override: @override, overrideFixed: overrideFixed, weights: Weights(("lexicon", 5), ("first-composed", 0), ("first-by-rule", 0)));

    private static string[] Destinations(Decision d) => [.. d.Steps.Select(s => s.Sheet).Concat(d.Handoffs.Select(h => h.Pack))];

    private static Evidence Ask(Decision d) => Assert.Single(d.Evidence, e => e.Kind == EvidenceKind.Ask);

    [Fact]
    public void Route_BroadNeedAlone_AsksBecauseNothingElsePointsAnywhere()
    {
        var d = MiniPack.Router(Model()).Route("slow");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal("phase", d.Question!.Id);
        Assert.Null(d.Basis);
        var ask = Ask(d);
        Assert.Equal("phase", ask.Ref);
        Assert.Equal("asked: nothing in the question besides \"slow\" points anywhere", ask.Text);
        Assert.Empty(d.Question.Leaning);
    }

    [Fact]
    public void Route_ContextLexiconInsideTheAnswers_IsAnsweredByTheQuestion()
    {
        var d = MiniPack.Router(Model()).Route("slow cudagraph");

        Assert.Equal(DecisionStatus.Routed, d.Status);
        Assert.Equal("tuning", d.Steps[0].Sheet);
        Assert.Equal(DecisionBasis.Model, d.Basis);
        Assert.StartsWith("answered by the question besides \"slow\": 'tuning'", Ask(d).Text, StringComparison.Ordinal);
        Assert.InRange(d.Confidence, 0.5, 1);
    }

    [Fact]
    public void Route_ContextPointsOutsideTheAnswers_Asks()
    {
        // 'faraway' is the sister pack's word: the phase question never leads there.
        var d = MiniPack.Router(Model(margin: 0)).Route("slow faraway thing");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal("phase", d.Question!.Id);
        Assert.Contains("points outside the answers of 'phase'", Ask(d).Text, StringComparison.Ordinal);
        Assert.Empty(d.Question.Leaning);
    }

    [Fact]
    public void Route_SettingAloneBesideTheBroadNeed_DoesNotAnswerIt()
    {
        // 'on gpu' is a setting of the tuning sheet; weighed heavily, it still answers nothing.
        var model = Model(margin: 0, weights: Weights(("terms", 10), ("text", 10), ("lexicon", 10)));

        var d = MiniPack.Router(model).Route("slow on gpu");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal("phase", d.Question!.Id);
        Assert.Equal("asked: nothing in the question besides \"slow\", \"on gpu\" points anywhere", Ask(d).Text);
    }

    [Fact]
    public void Route_LeadUnderTheMargin_Asks()
    {
        var d = MiniPack.Router(Model(margin: 0.9)).Route("slow cudagraph");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.StartsWith("asked: the question besides \"slow\" leans to 'tuning'", Ask(d).Text, StringComparison.Ordinal);
        Assert.Contains("under the margin 0.90", Ask(d).Text, StringComparison.Ordinal);
        Assert.Equal(["tuning"], d.Question!.Leaning);
    }

    [Fact]
    public void Route_ContextUnderTheLeastSignal_Asks()
    {
        // No examples: the context carries no information as the examples read it.
        var d = MiniPack.Router(Model(minSignal: 0.5)).Route("slow cudagraph");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.StartsWith("asked: the question says too little besides \"slow\" to choose", Ask(d).Text, StringComparison.Ordinal);
        Assert.Empty(d.Question!.Leaning);
    }

    [Fact]
    public void Route_ContextTheExamplesKnowEnough_IsAnsweredAtTheLeastSignal()
    {
        var model = Model(minSignal: 0.5) with { Examples = [new ModelExample(["mini/tuning"], "cudagraph kernel")] };

        var d = MiniPack.Router(model).Route("slow cudagraph");

        Assert.Equal(["tuning"], Destinations(d).Take(1));
        Assert.Equal(DecisionBasis.Model, d.Basis);
    }

    [Fact]
    public void Route_AnswersPassedBack_DecideWithoutTheModel()
    {
        // The context says tuning; the caller answered serving.
        var d = MiniPack.Router(Model(margin: 0)).Route("slow cudagraph", ["serving"]);

        Assert.Equal(["serving"], Destinations(d));
        Assert.Equal(DecisionBasis.Path, d.Basis);
        Assert.DoesNotContain(d.Evidence, e => e.Kind is EvidenceKind.Ask or EvidenceKind.Score);
    }

    [Theory]
    [InlineData("hello there", true)]
    [InlineData("zebra crossing", true)]
    [InlineData("tune it", false)]
    [InlineData("cudagraph", false)]
    [InlineData("slow cudagraph", false)]
    [InlineData("slow", false)]
    public void Route_AnyQuestion_NoSignalOnlyWhenNoWordIsKnown(string question, bool noSignal)
    {
        var d = MiniPack.Router(Model()).Route(question);

        Assert.Equal(noSignal, d.NoSignal);
    }

    [Fact]
    public void Route_NoSignal_AsksTheCatchAllQuestion()
    {
        var d = MiniPack.Router(Model(margin: 0)).Route("hello there");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
        Assert.Equal(RouterBuilder.ConcernQuestionId, d.Question!.Id);
    }

    [Fact]
    public void Route_OverrideMarginZero_ModelReordersAComposedRoute()
    {
        var d = MiniPack.Router(LexiconLeads(@override: 0)).Route("serve it with cudagraph");

        Assert.Equal(["tuning", "serving"], Destinations(d));
        Assert.Equal(DecisionBasis.Model, d.Basis);
        Assert.Contains(d.Evidence, e => e.Kind == EvidenceKind.Score && e.Ref == "route"
            && e.Text.StartsWith("the model puts mini/tuning before the composed route", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_OverrideMarginTwo_ComposedRouteIsNeverReordered()
    {
        var d = MiniPack.Router(LexiconLeads(@override: 2)).Route("serve it with cudagraph");

        Assert.Equal(["serving"], Destinations(d));
        Assert.Equal(DecisionBasis.Clear, d.Basis);
        Assert.DoesNotContain(d.Evidence, e => e.Kind == EvidenceKind.Score);
    }

    [Fact]
    public void Route_OverrideMarginZeroModelAgreesWithTheRules_KeepsTheirBasis()
    {
        // The model's first is already the composed route's first: nothing is re-ordered, so nothing is the model's doing.
        var d = MiniPack.Router(Model(@override: 0)).Route("tune it");

        Assert.Equal(["tuning"], Destinations(d));
        Assert.Equal(DecisionBasis.Clear, d.Basis);
        Assert.DoesNotContain(d.Evidence, e => e.Kind == EvidenceKind.Score && e.Ref == "route");
    }

    [Fact]
    public void Route_RuleRouteAtTheFixedMargin_IsNotReorderedByTheComposedMargin()
    {
        var d = MiniPack.Router(LexiconLeads(@override: 0, overrideFixed: 2)).Route("server broken, alert on it, it is stuck with cudagraph");

        Assert.Equal(["watching", "fixing"], Destinations(d));
        Assert.Equal(DecisionBasis.Rule, d.Basis);
    }

    [Fact]
    public void Route_RuleRouteFixedMarginZero_IsReordered()
    {
        var d = MiniPack.Router(LexiconLeads(@override: 2, overrideFixed: 0)).Route("server broken, alert on it, it is stuck with cudagraph");

        Assert.Equal(["tuning", "watching", "fixing"], Destinations(d));
        Assert.Equal(DecisionBasis.Model, d.Basis);
    }

    [Fact]
    public void Route_ListOfTasksHoldingTheModelsFirst_KeepsExecutionOrder()
    {
        // prometheus makes watching the model's first; it is a later task of the list.
        var d = MiniPack.Router(LexiconLeads(@override: 0)).Route("tune it and then set up an alert with prometheus");

        Assert.Equal(["tuning", "watching"], Destinations(d));
        Assert.Contains(d.Evidence, e => e is { Kind: EvidenceKind.Weight, Ref: "task-list" });
    }

    // Router options: checked when the router is built, each bad setting by name.

    private static readonly Dictionary<string, RouterOptions> BadOptions = new(StringComparer.Ordinal)
    {
        ["FollowShare"] = new() { FollowShare = 0 },
        ["FollowShare above 1"] = new() { FollowShare = 1.5 },
        ["MaxWithCompanions"] = new() { MaxWithCompanions = 0 },
        ["MaxModelDestinations"] = new() { MaxModelDestinations = 0 },
        ["MaxStepsWithBackground"] = new() { MaxStepsWithBackground = 0 },
        ["MaxWordsPerFacet"] = new() { MaxWordsPerFacet = 0 },
        ["LeadFactor"] = new() { LeadFactor = 0.5 },
        ["LexiconShare"] = new() { LexiconShare = double.NaN },
        ["MinLeadWeight"] = new() { MinLeadWeight = -1 },
    };

    [Theory]
    [InlineData("FollowShare")]
    [InlineData("FollowShare above 1")]
    [InlineData("MaxWithCompanions")]
    [InlineData("MaxModelDestinations")]
    [InlineData("MaxStepsWithBackground")]
    [InlineData("MaxWordsPerFacet")]
    [InlineData("LeadFactor")]
    [InlineData("LexiconShare")]
    [InlineData("MinLeadWeight")]
    public void Build_BadOption_ThrowsNamingTheSetting(string setting)
    {
        var builder = new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(BadOptions[setting]);

        var e = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains(setting.Split(' ')[0], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeveralBadOptions_NamesEachInOneMessage()
    {
        var builder = new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(new RouterOptions { FollowShare = 0, MaxWithCompanions = 0 });

        var e = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("FollowShare", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxWithCompanions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InfiniteLeadFactor_Throws()
    {
        var builder = new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(new RouterOptions { LeadFactor = double.PositiveInfinity });

        var e = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Contains("LeadFactor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_DefaultOptions_BuildsAndRoutesAsWithoutOptions()
    {
        var router = new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(RouterOptions.Default).Build();

        Assert.Empty(RouterOptions.Default.Problems());
        Assert.Equal(RouterOptions.Default, new RouterOptions());
        Assert.Equal(Destinations(MiniPack.Router().Route("the server is stuck")), Destinations(router.Route("the server is stuck")));
    }

    [Fact]
    public void Route_MaxWithCompanionsOne_AddsNoCompanion()
    {
        var router = new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(new RouterOptions { MaxWithCompanions = 1 }).Build();

        Assert.Equal(["serving", "fixing"], Destinations(MiniPack.Router().Route("the server is stuck")));
        Assert.Equal(["serving"], Destinations(router.Route("the server is stuck")));
    }

    [Fact]
    public void Route_ModelSettledWithSmallFollowShare_NamesUpToMaxModelDestinations()
    {
        Router With(RouterOptions options) => new RouterBuilder().UsePack(MiniPack.Pack).UseOptions(options).Build();

        var alone = With(RouterOptions.Default).Route("cudagraph");
        var many = With(new RouterOptions { FollowShare = 0.01 }).Route("cudagraph");
        var two = With(new RouterOptions { FollowShare = 0.01, MaxModelDestinations = 2 }).Route("cudagraph");

        Assert.Equal(DecisionBasis.Model, alone.Basis);
        Assert.Equal(["tuning"], Destinations(alone));
        Assert.Equal(3, Destinations(many).Length);
        Assert.Equal("tuning", Destinations(many)[0]);
        Assert.Equal(Destinations(many).Take(2), Destinations(two));
    }
}
