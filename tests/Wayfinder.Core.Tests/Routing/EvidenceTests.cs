using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

public sealed class EvidenceTests
{
    private static readonly Router Router = Routers.BuiltIn;

    [Fact]
    public void Route_RoutedDecision_NamesTheTermsFoundAsWritten()
    {
        var decision = Router.Route("Quantize the model to INT8");

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        var term = Assert.Single(decision.Evidence, e => e is { Kind: "term", Ref: "quantize" });
        Assert.Equal("\"Quantize\", \"to INT8\"", term.Text);
    }

    [Fact]
    public void Route_TermsOfSeveralFacets_AreListedInPackOrder()
    {
        var decision = Router.Route("serve the model with TorchServe, and the API needs a canary");

        var facetOrder = Router.Pack.Facets.Select(f => f.Id).ToList();
        var refs = decision.Evidence.Where(e => e.Kind == "term").Select(e => e.Ref).ToList();
        Assert.True(refs.Count >= 3, string.Join(", ", refs));
        Assert.Equal(refs.OrderBy(facetOrder.IndexOf), refs);
    }

    [Fact]
    public void Route_ScenarioRuleDecides_EvidenceNamesTheRule()
    {
        var decision = Router.Route("deploy my model with Kubernetes");

        var rule = Assert.Single(decision.Evidence, e => e.Kind == "rule");
        var packRule = Router.Pack.Rules.Single(r => r.Id == rule.Ref);
        Assert.Equal(packRule.Source, rule.Text);
        Assert.Equal(packRule.Route.Select(t => t.Sheet), decision.Steps.Select(s => s.Sheet));
    }

    [Fact]
    public void Route_ComposedRoute_HasNoRuleEvidenceButComposeEvidencePerStep()
    {
        var decision = Router.Route("quantize the model and put a canary in front of it");

        Assert.DoesNotContain(decision.Evidence, e => e.Kind == "rule");
        Assert.Equal(decision.Steps.Select(s => s.Sheet), decision.Evidence.Where(e => e.Kind == "compose").Select(e => e.Ref));
    }

    [Fact]
    public void Route_ClarifyDecision_HasQuestionEvidenceForTheQuestionAsked()
    {
        var decision = Router.Route("deploy my model");

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Contains(decision.Evidence, e => e.Kind == "question" && e.Ref == decision.Question!.Id);
        Assert.Contains(decision.Evidence, e => e is { Kind: "tree", Ref: "ask" });
    }

    [Fact]
    public void Route_NothingRecognised_AsksTheConcernQuestion()
    {
        var decision = Router.Route("hello, can you help me?");

        Assert.Equal("concern", decision.Question!.Id);
        Assert.Contains(decision.Evidence, e => e is { Kind: "question", Ref: "concern" });
        Assert.DoesNotContain(decision.Evidence, e => e.Kind == "term");
    }

    [Fact]
    public void Route_DismissedTerm_IsEvidenceNotAFacet()
    {
        var decision = Router.Route("no kubernetes here, just serve the model over REST");

        Assert.Contains(decision.Evidence, e => e is { Kind: "negated", Ref: "kubernetes" });
        Assert.DoesNotContain(decision.Evidence, e => e is { Kind: "term", Ref: "kubernetes" });
        Assert.DoesNotContain(decision.Advisories, a => a.Kind == AdvisoryKind.ToolNotConcern);
    }

    [Fact]
    public void Route_SuppressedFacet_IsNamedInEvidence()
    {
        // A rollout term decides a deployment question: 'deploy' is set aside.
        var decision = Router.Route("deploy the new version with a canary");

        Assert.Contains(decision.Evidence, e => e is { Kind: "suppressed", Ref: "deploy" });
        Assert.Equal(DecisionStatus.Routed, decision.Status);
    }

    [Fact]
    public void Route_HandoffDecision_TreeEvidenceNamesThePack()
    {
        var decision = Router.Route("my training loss doesn't converge");

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        var tree = Assert.Single(decision.Evidence, e => e.Kind == "tree");
        Assert.Equal("handoff", tree.Ref);
        Assert.Contains(decision.Handoffs[0].Pack, tree.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_RoutedDecision_TreeEvidenceNamesTheFirstStepsConcern()
    {
        var decision = Router.Route("set up drift alerts on a dashboard");

        var tree = Assert.Single(decision.Evidence, e => e.Kind == "tree");
        Assert.Equal(decision.Steps[0].Concern, tree.Ref);
    }
}
