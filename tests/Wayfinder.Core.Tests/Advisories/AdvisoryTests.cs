using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Advisories;

public sealed class AdvisoryTests
{
    private static readonly Router Router = Routers.BuiltIn;

    private static Advisory One(Decision d, string kind, string subject) =>
        Assert.Single(d.Advisories, a => a.Kind == kind && a.Subject == subject);

    [Fact]
    public void Route_TorchServeNamed_AddsMaintenanceModeAdvisory()
    {
        var decision = Router.Route("how do I serve a model with TorchServe");

        var notice = Router.Pack.Maintenance.Single(m => m.Subject == "TorchServe");
        var advisory = One(decision, AdvisoryKind.MaintenanceMode, "TorchServe");
        Assert.Equal(notice.Text, advisory.Text);
        Assert.Contains("maintenance mode", advisory.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we use TorchServe to serve our model")]
    [InlineData("our existing torch serve deployment")]
    [InlineData("migrate off TorchServe")]
    public void Route_ExistingTorchServe_UsesTheMigrationText(string question)
    {
        var decision = Router.Route(question);

        var notice = Router.Pack.Maintenance.Single(m => m.Subject == "TorchServe");
        Assert.NotEqual(notice.Text, notice.ExistingText);
        Assert.Equal(notice.ExistingText, One(decision, AdvisoryKind.MaintenanceMode, "TorchServe").Text);
        Assert.Contains("migration", notice.ExistingText, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_NoTorchServe_NoMaintenanceAdvisory()
    {
        Assert.DoesNotContain(Router.Route("serve the model with Triton").Advisories, a => a.Kind == AdvisoryKind.MaintenanceMode);
    }

    [Fact]
    public void Route_KubernetesNamed_AddsToolNotConcernWithTheRoutesConcern()
    {
        var decision = Router.Route("deploy my model with Kubernetes");

        var advisory = One(decision, AdvisoryKind.ToolNotConcern, "Kubernetes");
        var concern = Router.Pack.ConcernsById[decision.Steps[0].Concern].Title.ToLowerInvariant();
        Assert.StartsWith("Kubernetes is an implementation choice", advisory.Text, StringComparison.Ordinal);
        Assert.Contains($"({concern})", advisory.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{tool}", advisory.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{concern}", advisory.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scale the model on k8s with helm", "Kubernetes")]
    [InlineData("put the model in a Dockerfile and serve it", "Docker")]
    [InlineData("monitor our SageMaker endpoint for drift", "SageMaker")]
    public void Route_InfrastructureToolNamed_AddsOneToolNotConcernPerTool(string question, string tool)
    {
        var decision = Router.Route(question);

        One(decision, AdvisoryKind.ToolNotConcern, tool);
    }

    [Fact]
    public void Route_ToolWithoutARoute_SaysTheConcernIsStillOpen()
    {
        var decision = Router.Route("we run kubernetes");

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Contains("whichever concern", One(decision, AdvisoryKind.ToolNotConcern, "Kubernetes").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve the model on an A100", "A100", "high-end datacenter GPU")]
    [InlineData("we have 8 H100s for serving", "H100", "top-tier datacenter accelerator")]
    [InlineData("serve the model on T4 GPUs", "T4", "mid-tier or older serving GPU")]
    [InlineData("quantize Llama-2-13b", "Llama-2-13b", "open-weight model")]
    [InlineData("serve a Jetson Orin at the edge", "Jetson Orin", "edge accelerator")]
    public void Route_GpuOrModelNamed_AddsCapabilityTier(string question, string subject, string tier)
    {
        var decision = Router.Route(question);

        var advisory = One(decision, AdvisoryKind.CapabilityTier, subject);
        Assert.Contains(tier, advisory.Text, StringComparison.Ordinal);
        Assert.StartsWith($"'{subject}' is read as: ", advisory.Text, StringComparison.Ordinal);
        Assert.Contains(Router.Pack.Tiers, t => t.Pattern.IsMatch(subject));
    }

    [Theory]
    [InlineData("quantize Qwen2.5-3B for the phone", "small")]
    [InlineData("serve Llama-3-70b with vLLM", "large")]
    [InlineData("serve our 405b model", "frontier-scale")]
    public void Route_OpenWeightModel_TierNamesItsSizeClassFromTheParameterCount(string question, string sizeClass)
    {
        var advisory = Assert.Single(Router.Route(question).Advisories, a => a.Kind == AdvisoryKind.CapabilityTier);

        Assert.Contains(sizeClass, advisory.Text, StringComparison.Ordinal);
        Assert.Contains("open-weight model", advisory.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{params}", advisory.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_SameGpuNamedTwice_AddsOneCapabilityTier()
    {
        var decision = Router.Route("move from A100 to a100 nodes for serving");

        Assert.Single(decision.Advisories, a => a.Kind == AdvisoryKind.CapabilityTier);
    }

    [Fact]
    public void Route_NoGpuNamed_NoCapabilityTier()
    {
        Assert.DoesNotContain(Router.Route("serve the model over REST").Advisories, a => a.Kind == AdvisoryKind.CapabilityTier);
    }

    [Fact]
    public void Route_QuantizationRoute_AddsStaleKnowledgeForQuantizationToolchains()
    {
        var decision = Router.Route("quantize my model to int8");

        Assert.Contains(decision.Steps, s => s.Sheet == "quantization-for-inference");
        var advisory = One(decision, AdvisoryKind.StaleKnowledge, "quantization toolchains");
        Assert.Contains($"calibrated to {Router.Pack.Calibrated}", advisory.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_LlmServingRoute_AddsStaleKnowledgeForLlmServingStacks()
    {
        var decision = Router.Route("serve llama-3-70b with vLLM");

        One(decision, AdvisoryKind.StaleKnowledge, "LLM serving stacks");
    }

    [Theory]
    [InlineData("serve a sklearn model as a REST api")]
    [InlineData("expose our xgboost model over gRPC")]
    public void Route_ClassicalServing_HasNoLlmServingStaleKnowledge(string question)
    {
        var decision = Router.Route(question);

        Assert.Contains(decision.Steps, s => s.Sheet == "model-serving-patterns");
        Assert.DoesNotContain(decision.Advisories, a => a.Subject == "LLM serving stacks");
    }

    [Fact]
    public void Route_MlopsRoute_AddsStaleKnowledgeForMlopsPlatforms()
    {
        One(Router.Route("track experiments with mlflow"), AdvisoryKind.StaleKnowledge, "MLOps platforms");
    }

    [Fact]
    public void Route_Advisories_ComeInTheFixedKindOrder()
    {
        var decision = Router.Route("we use TorchServe on Kubernetes with A100s and want to quantize the model");

        string[] kindOrder = [AdvisoryKind.MaintenanceMode, AdvisoryKind.ToolNotConcern, AdvisoryKind.StaleKnowledge, AdvisoryKind.CapabilityTier];
        var kinds = decision.Advisories.Select(a => a.Kind).ToList();
        Assert.Equal(kindOrder, kinds.Distinct());
        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(kindOrder, k)), kinds);
    }

    [Fact]
    public void Route_ClarifyDecision_StillCarriesToolAndTierAdvisories()
    {
        var decision = Router.Route("my model on an H100 in kubernetes is too slow");

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        One(decision, AdvisoryKind.CapabilityTier, "H100");
        One(decision, AdvisoryKind.ToolNotConcern, "Kubernetes");
        Assert.DoesNotContain(decision.Advisories, a => a.Kind == AdvisoryKind.StaleKnowledge);
    }
}
