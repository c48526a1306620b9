using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Text;

/// <summary>What a question asks decides its route; what it mentions as background does not.</summary>
public sealed class FocusTests
{
    private static Decision Route(string question) => Routers.BuiltIn.Route(question);

    private static string[] Destinations(Decision d) =>
        [.. d.Steps.Select(s => (s.Order, Key: s.Sheet)).Concat(d.Handoffs.Select(h => (h.Order, Key: h.Pack))).OrderBy(x => x.Order).Select(x => x.Key)];

    [Fact]
    public void Route_TrainingMentionedAsBackground_DoesNotHandOff()
    {
        var decision = Route("How do we alert when the scores of our churn model drift? We trained it in August with a new learning rate schedule.");

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal("production-monitoring-and-alerting", decision.Steps[0].Sheet);
        Assert.DoesNotContain(decision.Handoffs, h => h.Pack == "yzmir-training-optimization");
        Assert.Contains(decision.Evidence, e => e.Kind == "context" && e.Ref == "training");
    }

    [Fact]
    public void Route_SameWordsInTheAskingSentence_DoHandOff()
    {
        var decision = Route("Our training run is slow and the learning rate schedule looks off. We serve nothing yet.");

        Assert.Contains(decision.Handoffs, h => h.Pack == "yzmir-training-optimization");
    }

    [Fact]
    public void Route_BackgroundSheet_FollowsTheAskedOneAndFillsToTwo()
    {
        var decision = Route("How do we prune our image classifier to half its size? Last month we added drift alerts on its inputs.");

        Assert.Equal(["model-compression-techniques", "production-monitoring-and-alerting"], Destinations(decision).Take(2));
        Assert.StartsWith("Background:", decision.Steps[1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_ToolNamedOnlyInBackground_AddsNoServingStep()
    {
        var decision = Route("How do we prune our image classifier to half its size? It sits behind a FastAPI app on Docker.");

        Assert.DoesNotContain(decision.Steps, s => s.Sheet == "model-serving-patterns");
    }

    [Fact]
    public void Route_SingleSentence_EverythingCounts()
    {
        var decision = Route("we want to prune the classifier and alert on drift");

        Assert.Equal(["model-compression-techniques", "production-monitoring-and-alerting"], Destinations(decision));
        Assert.DoesNotContain(decision.Evidence, e => e.Kind == "context");
    }

    [Fact]
    public void Route_NothingRoutableInTheAsk_UsesTheWholeText()
    {
        var decision = Route("Two things on my list this quarter. First, the drift alerts for the ranker. Second, pruning it.");

        Assert.Equal(["model-compression-techniques", "production-monitoring-and-alerting"], Destinations(decision));
    }

    [Fact]
    public void Route_DecimalNumbers_DoNotSplitSentences()
    {
        var decision = Route("Our model reached 0.91 AUC and we want to prune it to half its size. We also set up alerts last week.");

        Assert.Equal("model-compression-techniques", decision.Steps[0].Sheet);
        Assert.Contains(decision.Evidence, e => e.Kind == "context" && e.Ref == "monitor");
    }

    [Fact]
    public void Route_NamedModelWithSize_CountsAsAnLlm()
    {
        var decision = Route("how do we deploy Mistral-7B-Instruct to production");

        Assert.Contains(decision.Handoffs, h => h.Pack == "yzmir-llm-specialist");
        Assert.Contains(decision.Advisories, a => a.Kind == AdvisoryKind.CapabilityTier && a.Subject == "Mistral-7B-Instruct");
    }

    [Fact]
    public void Route_AbbreviationWithAFullStop_DoesNotEndTheTitle()
    {
        // "vs." does not end the sentence: the serving words after it are still asked.
        var decision = Route("How to choose: instance groups vs. dynamic batching on the model server\nWe read both help the pruning we did last year.");

        Assert.Equal("model-serving-patterns", Destinations(decision)[0]);
        Assert.Contains(decision.Evidence, e => e is { Kind: "context", Ref: "compress" });
    }

    [Fact]
    public void Route_RequestWithoutAQuestionMark_Asks()
    {
        // The second sentence makes a request: its tracking words are asked, not background.
        var decision = Route("Our prompts live in code and ship with every deploy. We want to version prompts and eval sets properly.");

        Assert.Equal("experiment-tracking-and-versioning", Destinations(decision)[0]);
    }
}
