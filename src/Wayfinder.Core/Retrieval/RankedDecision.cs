using System.Globalization;
using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Retrieval;

/// <summary>A destination and how well a retrieval method scored it.</summary>
public readonly record struct RankedDestination(string Pack, string? Sheet, double Score, string Passage)
{
    /// <summary>
    /// Each destination at its best passage's score, best first; ties by pack,
    /// then sheet, so that the order never varies.
    /// </summary>
    public static List<RankedDestination> Best(IEnumerable<(SheetPassage Passage, double Score)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var best = new Dictionary<string, RankedDestination>(StringComparer.Ordinal);
        foreach (var (p, score) in scored)
        {
            if (!best.TryGetValue(p.Destination, out var current) || score > current.Score)
            {
                best[p.Destination] = new RankedDestination(p.Pack, p.Sheet, score, p.Heading.Length > 0 ? p.Heading : p.Destination);
            }
        }

        return [.. best.Values.OrderByDescending(r => r.Score).ThenBy(r => r.Pack, StringComparer.Ordinal).ThenBy(r => r.Sheet, StringComparer.Ordinal)];
    }
}

/// <summary>
/// Turns a retrieval ranking into a decision, so that baselines are scored
/// by the same contract as the router: the top three destinations, routing
/// pack sheets as steps and other packs as hand-offs. When the best
/// destination is in another pack the decision is a hand-off and lists only
/// the other packs' destinations (a decision's steps always come first).
/// With nothing retrieved it asks the pack's first question.
/// </summary>
public static class RankedDecision
{
    /// <summary>How many destinations a ranking decision names.</summary>
    internal const int Depth = 3;

    /// <summary>A decision naming the first destinations of <paramref name="ranking"/>, as a baseline's answer.</summary>
    /// <param name="method">The baseline's name, for the decision's evidence.</param>
    /// <param name="ranking">Destinations, best first.</param>
    /// <param name="pack">The pack they belong to.</param>
    public static Decision From(string method, IReadOnlyList<RankedDestination> ranking, RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(pack);
        var top = ranking.Take(Depth).ToList();
        var evidence = top
            .Select(r => new Evidence(EvidenceKind.Score, r.Sheet is null ? r.Pack : $"{r.Pack}/{r.Sheet}", $"{method} {r.Score.ToString("0.###", CultureInfo.InvariantCulture)}: {r.Passage}"))
            .ToList();
        if (top.Count == 0)
        {
            var q = pack.QuestionsById.GetValueOrDefault("concern") ?? pack.Questions.FirstOrDefault();
            var ask = q is null
                ? null
                : new ClarifyingQuestion(q.Id, q.Text, q.Options.Select(o => new QuestionChoice(o.Answer, o.Label, QuestionWalker.LeadsTo(o))).ToList());
            evidence.Add(new Evidence(EvidenceKind.Tree, "ask", $"{method}: no passage shares a word with the question"));
            return new Decision(DecisionStatus.Clarify, [], ask, [], [], evidence) { NoSignal = true };
        }

        var handoffFirst = top[0].Pack != pack.Id;
        var steps = new List<Step>();
        var handoffs = new List<Handoff>();
        var order = 0;
        foreach (var r in top.Where(r => !handoffFirst && r.Pack == pack.Id))
        {
            var concern = pack.SheetsById.TryGetValue(r.Sheet ?? "", out var sheet) ? sheet.ConcernId : "";
            steps.Add(new Step(r.Pack, r.Sheet ?? "", concern, $"{method} rank {++order}", order));
        }

        foreach (var r in top.Where(r => r.Pack != pack.Id))
        {
            handoffs.Add(new Handoff(r.Pack, r.Sheet, $"{method} rank {++order}", order));
        }

        var status = steps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff;
        return new Decision(status, steps, null, handoffs, [], evidence) { Basis = DecisionBasis.Retrieval };
    }
}
