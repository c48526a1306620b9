using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

/// <summary>A question built from the pack's own terms, so that generated questions reach every status.</summary>
public sealed record TermQuestion(string Text)
{
    public override string ToString() => Text;
}

public static class TermQuestionArbitrary
{
    private static readonly string[] Filler = ["my", "the", "model", "is", "and", "we", "need", "to", "in", "no", "was", "fine", "not", "with", "?", "!", ","];

    /// <summary>Every term of the built-in pack, as a person would type it (prefix stars completed).</summary>
    internal static string[] Terms { get; } = Routers.BuiltIn.Pack.Facets
        .SelectMany(f => f.Terms)
        .Select(t => t.Replace("*", "ing", StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    public static Arbitrary<TermQuestion> Questions()
    {
        var word = Gen.Frequency((3, Gen.Elements(Terms)), (2, Gen.Elements(Filler)));
        var gen = Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(word, n)).Select(words => new TermQuestion(string.Join(' ', words)));
        return Arb.From(gen);
    }
}

public sealed class DecisionInvariantTests
{
    private static readonly Router Router = Routers.BuiltIn;

    [Property(MaxTest = 300)]
    public Property Route_ArbitraryTextPassingTheGuard_SatisfiesTheInvariants(string text) =>
        Prop.When(QuestionGuard.Check(text) is null, () => DecisionInvariants.AssertHold(Router.Route(text), Router.Pack, text));

    [Property(MaxTest = 500, Arbitrary = [typeof(TermQuestionArbitrary)])]
    public void Route_QuestionsMadeOfPackTerms_SatisfyTheInvariants(TermQuestion question) =>
        DecisionInvariants.AssertHold(Router.Route(question.Text), Router.Pack, question.Text);

    [Property(MaxTest = 200, Arbitrary = [typeof(TermQuestionArbitrary)])]
    public void Route_AnyAnswers_SatisfyTheInvariants(TermQuestion question, string[] answers) =>
        DecisionInvariants.AssertHold(Router.Route(question.Text, (answers ?? []).Where(a => a is not null).ToArray()), Router.Pack, question.Text);

    [Fact]
    public void Route_EveryPairOfTerms_SatisfiesTheInvariantsAndReachesEveryStatus()
    {
        // A fixed, generated list: the first term of each facet, alone and with every other facet's first term.
        var firsts = Router.Pack.Facets.Select(f => f.Terms[0].Replace("*", "ing", StringComparison.Ordinal)).ToArray();
        var questions = firsts.Concat(firsts.SelectMany(a => firsts.Select(b => $"{a} {b}"))).ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var question in questions)
        {
            var decision = Router.Route(question);
            DecisionInvariants.AssertHold(decision, Router.Pack, question);
            seen[decision.Status] = seen.GetValueOrDefault(decision.Status) + 1;
        }

        Assert.True(seen.Count == 3, "statuses reached: " + string.Join(", ", seen.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public void Route_EveryClarifyingQuestionAndEveryOption_SatisfiesTheInvariants()
    {
        // Walk every path of every question from a question that asks it, by answer id and by number.
        foreach (var (question, start) in new[] { ("my model is too slow", "slow-phase"), ("hello there", "concern"), ("deploy it", "deploy-target"), ("performance", "performance-meaning") })
        {
            var first = Router.Route(question);
            Assert.Equal(start, first.Question?.Id);
            Walk(question, []);
        }

        void Walk(string question, string[] answers)
        {
            var decision = Router.Route(question, answers);
            DecisionInvariants.AssertHold(decision, Router.Pack, $"{question} / {string.Join(" / ", answers)}");
            if (decision.Question is null)
            {
                return;
            }

            for (var i = 0; i < decision.Question.Options.Count; i++)
            {
                var byId = Router.Route(question, [.. answers, decision.Question.Options[i].Answer]);
                var byNumber = Router.Route(question, [.. answers, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                Assert.Equal(WayfinderJson.Serialize(byId), WayfinderJson.Serialize(byNumber));
                Assert.NotEqual(decision.Question.Id, byId.Question?.Id);
                Walk(question, [.. answers, decision.Question.Options[i].Answer]);
            }
        }
    }
}
