using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Text;
using Xunit;

namespace Wayfinder.Core.Tests.Text;

public sealed class NegationTests
{
    private static readonly TermMatcher Matcher = new([("training", "training"), ("kubernetes", "kubernetes"), ("converge", "converge"), ("slow", "latency"), ("gpu", "gpu")]);

    /// <summary>Whether the hit of <paramref name="facet"/> (the only hit when null) is set aside.</summary>
    private static bool Dismissed(string text, string? facet = null)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var hits = Matcher.Match(tokens);
        var hit = facet is null ? Assert.Single(hits) : Assert.Single(hits, h => h.Facet == facet);
        return Negation.IsDismissed(tokens, hit);
    }

    [Theory]
    [InlineData("training was fine")]
    [InlineData("Training is OK, serving is not")]
    [InlineData("the training looks good")]
    [InlineData("no kubernetes please")]
    [InlineData("deploy without Kubernetes")]
    [InlineData("latency is not the problem")]
    [InlineData("latency was not the bottleneck")]
    [InlineData("the gpu seems fine")]
    public void IsDismissed_Dismissals_AreRecognised(string text)
    {
        Assert.True(Dismissed(text));
    }

    [Fact]
    public void IsDismissed_DoesNotConverge_KeepsBothTopics()
    {
        Assert.False(Dismissed("my training doesn't converge", "converge"));
        Assert.False(Dismissed("my training doesn't converge", "training"));
    }

    [Theory]
    [InlineData("it doesn't converge")]
    [InlineData("it does not converge")]
    [InlineData("training is slow")]
    [InlineData("training is not converging well")]
    [InlineData("latency is not good")]
    [InlineData("latency is not the only thing")]
    [InlineData("we run kubernetes")]
    [InlineData("training was")]
    [InlineData("training")]
    [InlineData("not kubernetes")]
    public void IsDismissed_NegatedVerbsAndPlainMentions_StayTopics(string text)
    {
        Assert.False(Dismissed(text));
    }

    [Theory]
    [InlineData("latency isn't the problem")]
    [InlineData("training wasn't the issue")]
    public void IsDismissed_ContractedNegation_IsRecognised(string text)
    {
        Assert.True(Dismissed(text));
    }

    [Fact]
    public void Route_TrainingWasFine_DoesNotHandOffToTraining()
    {
        var decision = Routers.BuiltIn.Route("training was fine but serving is slow");

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.DoesNotContain(decision.Handoffs, h => h.Pack == "yzmir-training-optimization");
        Assert.Contains(decision.Evidence, e => e is { Kind: "negated", Ref: "training" });
    }

    [Fact]
    public void Route_DoesNotConverge_IsStillATrainingQuestion()
    {
        var decision = Routers.BuiltIn.Route("my model doesn't converge");

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Equal("yzmir-training-optimization", Assert.Single(decision.Handoffs).Pack);
        Assert.DoesNotContain(decision.Evidence, e => e.Kind == "negated");
    }
}
