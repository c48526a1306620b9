using System.Text.Json;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Serialization;

public sealed class WayfinderJsonTests
{
    private static readonly Router Router = Routers.BuiltIn;

    private static readonly string[] TopLevel = ["status", "confidence", "steps", "question", "handoffs", "advisories", "evidence", "basis", "noSignal"];

    public static TheoryData<string> Questions() => new()
    {
        "deploy my model with Kubernetes",
        "my model is too slow",
        "my training doesn't converge",
        "deploy an LLM to production",
        "we use TorchServe on A100s",
    };

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Theory]
    [MemberData(nameof(Questions))]
    public void Serialize_Decision_HasExactlyTheContractKeysInOrder(string question)
    {
        using var doc = JsonDocument.Parse(WayfinderJson.Serialize(Router.Route(question)));

        Assert.Equal(TopLevel, Keys(doc.RootElement));
    }

    [Fact]
    public void Serialize_DecisionWithId_PutsIdFirst()
    {
        var decision = Router.Route("canary rollout") with { Id = "q-7" };

        using var doc = JsonDocument.Parse(WayfinderJson.Serialize(decision));

        Assert.Equal(["id", .. TopLevel], Keys(doc.RootElement));
        Assert.Equal("q-7", doc.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void Serialize_RoutedDecision_WritesQuestionNull()
    {
        var json = WayfinderJson.Serialize(Router.Route("canary rollout"));

        Assert.Contains("\"question\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_HandoffWithoutSheet_WritesSheetNull()
    {
        var decision = Router.Route("my training doesn't converge");
        Assert.Null(Assert.Single(decision.Handoffs).Sheet);

        using var doc = JsonDocument.Parse(WayfinderJson.Serialize(decision));

        var handoff = doc.RootElement.GetProperty("handoffs")[0];
        Assert.Equal(["pack", "sheet", "why", "order"], Keys(handoff));
        Assert.Equal(JsonValueKind.Null, handoff.GetProperty("sheet").ValueKind);
    }

    [Fact]
    public void Serialize_NestedObjects_UseCamelCaseNames()
    {
        using var routed = JsonDocument.Parse(WayfinderJson.Serialize(Router.Route("we use TorchServe on A100s")));
        using var clarify = JsonDocument.Parse(WayfinderJson.Serialize(Router.Route("my model is too slow")));

        Assert.Equal(["pack", "sheet", "concern", "why", "order"], Keys(routed.RootElement.GetProperty("steps")[0]));
        Assert.Equal(["kind", "subject", "text"], Keys(routed.RootElement.GetProperty("advisories")[0]));
        Assert.Equal(["kind", "ref", "text"], Keys(routed.RootElement.GetProperty("evidence")[0]));
        var question = clarify.RootElement.GetProperty("question");
        Assert.Equal(["id", "text", "options", "leaning"], Keys(question));
        Assert.Equal(["answer", "label", "leadsTo"], Keys(question.GetProperty("options")[0]));
    }

    [Fact]
    public void Serialize_IsCompactAndReadable()
    {
        var json = WayfinderJson.Serialize(Router.Route("my model is too slow"));

        Assert.DoesNotContain('\n', json);
        Assert.Contains("'slow' alone", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Deserialize_SerializedDecision_RoundTrips(string question)
    {
        var decision = Router.Route(question) with { Id = "rt" };
        var json = WayfinderJson.Serialize(decision);

        var back = WayfinderJson.Deserialize(json);

        Assert.NotNull(back);
        Assert.Equal(json, WayfinderJson.Serialize(back));
        Assert.Equal(decision.Id, back.Id);
        Assert.Equal(decision.Status, back.Status);
        Assert.Equal(decision.Steps, back.Steps);
        Assert.Equal(decision.Handoffs, back.Handoffs);
        Assert.Equal(decision.Advisories, back.Advisories);
        Assert.Equal(decision.Evidence, back.Evidence);
        Assert.Equal(decision.Question?.Options, back.Question?.Options);
    }

    [Fact]
    public void Deserialize_WithoutId_LeavesIdNull()
    {
        var back = WayfinderJson.Deserialize(WayfinderJson.Serialize(Router.Route("canary rollout")));

        Assert.Null(back!.Id);
    }

    [Fact]
    public void Serialize_NonAsciiEvidence_RoundTrips()
    {
        var decision = Router.Route("my model is too slow", ["ça dépend — 推論 🚀"]);
        var json = WayfinderJson.Serialize(decision);

        Assert.Contains("ça dépend — 推論", json, StringComparison.Ordinal);
        Assert.Equal(json, WayfinderJson.Serialize(WayfinderJson.Deserialize(json)!));
    }
}
