using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Support;

/// <summary>What every decision must satisfy, whatever the question.</summary>
internal static class DecisionInvariants
{
    private static readonly string[] Statuses = [DecisionStatus.Routed, DecisionStatus.Handoff, DecisionStatus.Clarify];

    public static void AssertHold(Decision d, RoutingPack pack, string question)
    {
        var context = $"question: \"{question}\"";
        Assert.True(Statuses.Contains(d.Status), $"unknown status '{d.Status}'; {context}");
        Assert.NotNull(d.Steps);
        Assert.NotNull(d.Handoffs);
        Assert.NotNull(d.Advisories);
        Assert.NotNull(d.Evidence);

        switch (d.Status)
        {
            case DecisionStatus.Routed:
                Assert.True(d.Steps.Count > 0, $"routed without steps; {context}");
                Assert.True(d.Question is null, $"routed with a question; {context}");
                break;
            case DecisionStatus.Handoff:
                Assert.True(d.Steps.Count == 0, $"handoff with steps; {context}");
                Assert.True(d.Handoffs.Count > 0, $"handoff without hand-offs; {context}");
                Assert.True(d.Question is null, $"handoff with a question; {context}");
                break;
            default:
                Assert.True(d.Question is not null, $"clarify without a question; {context}");
                Assert.True(d.Question!.Options.Count >= 2, $"question '{d.Question.Id}' has fewer than two options; {context}");
                Assert.True(d.Steps.Count == 0 && d.Handoffs.Count == 0, $"clarify with a route; {context}");
                Assert.True(pack.QuestionsById.ContainsKey(d.Question.Id), $"unknown question '{d.Question.Id}'; {context}");
                Assert.Equal(d.Question.Options.Count, d.Question.Options.Select(o => o.Answer).Distinct(StringComparer.Ordinal).Count());
                break;
        }

        // One reading sequence: orders 1..n without gaps or repeats.
        var orders = d.Steps.Select(s => s.Order).Concat(d.Handoffs.Select(h => h.Order)).Order().ToList();
        Assert.True(orders.SequenceEqual(Enumerable.Range(1, orders.Count)), $"orders {string.Join(",", orders)}; {context}");

        foreach (var step in d.Steps)
        {
            Assert.Equal(pack.Id, step.Pack);
            Assert.True(pack.SheetsById.TryGetValue(step.Sheet, out var sheet), $"unknown sheet '{step.Sheet}'; {context}");
            Assert.Equal(sheet!.ConcernId, step.Concern);
            Assert.False(string.IsNullOrWhiteSpace(step.Why));
        }

        Assert.Equal(d.Steps.Count, d.Steps.Select(s => s.Sheet).Distinct(StringComparer.Ordinal).Count());

        foreach (var handoff in d.Handoffs)
        {
            Assert.True(pack.SisterPacksById.TryGetValue(handoff.Pack, out var sister), $"unknown pack '{handoff.Pack}'; {context}");
            Assert.True(handoff.Sheet is null || sister!.Sheets.Any(s => s.Id == handoff.Sheet), $"unknown sheet '{handoff.Pack}/{handoff.Sheet}'; {context}");
            Assert.False(string.IsNullOrWhiteSpace(handoff.Why));
        }

        // Exactly one branch of the decision tree is named.
        Assert.Single(d.Evidence, e => e.Kind == "tree");
    }
}
