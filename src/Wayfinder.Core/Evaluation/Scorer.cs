using System.Collections.Immutable;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Evaluation;

/// <summary>How one decision fared against its gold question.</summary>
public sealed record ScoredQuestion(
    GoldQuestion Gold,
    Decision? Decision,
    bool Correct,
    ImmutableArray<string> Destinations,
    string Expected,
    string Predicted);

/// <summary>
/// The figures of one matcher over one gold set, computed exactly as
/// <c>shared/eval/score.py</c> computes them, plus a confusion table by concern.
/// </summary>
public sealed record EvalReport(
    string Matcher,
    int Items,
    int Missing,
    int Correct,
    int ClarifyRequired,
    int ClarifyRequiredAsked,
    int ClearQuestions,
    int FalseClarify,
    int RelevantTotal,
    int RelevantHit,
    int AdvisoryTotal,
    int AdvisoryHit,
    ImmutableArray<ScoredQuestion> Questions)
{
    /// <summary>Percent of items decided right.</summary>
    public double Accuracy => Percent(Correct, Items);

    /// <summary>Percent of items that needed a question and got one.</summary>
    public double ClarifyRecall => Percent(ClarifyRequiredAsked, ClarifyRequired);

    /// <summary>Percent of clear items asked anyway.</summary>
    public double FalseClarifyRate => Percent(FalseClarify, ClearQuestions);

    /// <summary>Percent of relevant sheets among the first three destinations.</summary>
    public double RelevantRecallAt3 => Percent(RelevantHit, RelevantTotal);

    /// <summary>Percent of expected advisories given.</summary>
    public double AdvisoryRecall => Percent(AdvisoryHit, AdvisoryTotal);

    /// <summary>The items decided wrong.</summary>
    public IEnumerable<ScoredQuestion> Misses => Questions.Where(q => !q.Correct);

    /// <summary>Counts of (expected, predicted) concern labels.</summary>
    public ImmutableSortedDictionary<(string Expected, string Predicted), int> Confusion =>
        Questions
            .GroupBy(q => (q.Expected, q.Predicted))
            .ToImmutableSortedDictionary(g => g.Key, g => g.Count());

    private static double Percent(int part, int whole) => whole == 0 ? double.NaN : 100.0 * part / whole;
}

/// <summary>Scores decisions against gold questions.</summary>
public static class Scorer
{
    /// <summary>Label of a question that asks first, in the confusion table.</summary>
    public const string ClarifyLabel = "clarify";

    /// <summary>Label of a destination in another pack, in the confusion table.</summary>
    public const string HandoffLabel = "hand-off";

    /// <summary>Label of a decision with no destination at all.</summary>
    public const string NoneLabel = "none";

    /// <summary>
    /// Scores <paramref name="decisions"/> (one per gold question, in the same
    /// order; null where the matcher gave none) the way score.py does.
    /// <paramref name="pack"/> names the concern of each of its sheets for the
    /// confusion table.
    /// </summary>
    public static EvalReport Score(string matcher, IReadOnlyList<GoldQuestion> gold, IReadOnlyList<Decision?> decisions, RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(pack);
        if (gold.Count != decisions.Count)
        {
            throw new ArgumentException("one decision (or null) is needed per gold question", nameof(decisions));
        }

        int correct = 0, missing = 0, required = 0, requiredAsked = 0, clear = 0, falseClarify = 0;
        int relevantTotal = 0, relevantHit = 0, advisoryTotal = 0, advisoryHit = 0;
        var scored = ImmutableArray.CreateBuilder<ScoredQuestion>(gold.Count);
        for (var i = 0; i < gold.Count; i++)
        {
            var g = gold[i];
            var d = decisions[i];
            var expected = g.Clarify == ClarifyExpectation.Required || g.AcceptFirst.IsEmpty ? ClarifyLabel : LabelOf(g.AcceptFirst[0], pack);
            if (d is null)
            {
                missing++;
                scored.Add(new ScoredQuestion(g, null, false, [], expected, NoneLabel));
                continue;
            }

            var destinations = Destinations(d);
            var asked = d.Status == DecisionStatus.Clarify;
            var ok = Right(g, d);
            if (g.Clarify == ClarifyExpectation.Required)
            {
                required++;
                requiredAsked += ok ? 1 : 0;
            }
            else if (g.Clarify == ClarifyExpectation.Wrong)
            {
                clear++;
                falseClarify += asked ? 1 : 0;
            }

            correct += ok ? 1 : 0;
            if (!asked)
            {
                var top = destinations.Length > 3 ? destinations[..3] : destinations;
                foreach (var r in g.Relevant)
                {
                    relevantTotal++;
                    relevantHit += top.Any(x => Hit(x, [r])) ? 1 : 0;
                }
            }

            foreach (var kind in g.Advisories)
            {
                advisoryTotal++;
                advisoryHit += d.Advisories.Any(a => a.Kind == kind) ? 1 : 0;
            }

            var predicted = asked ? ClarifyLabel : destinations.Length == 0 ? NoneLabel : LabelOf(destinations[0], pack);
            scored.Add(new ScoredQuestion(g, d, ok, destinations, expected, predicted));
        }

        return new EvalReport(
            matcher, gold.Count, missing, correct, required, requiredAsked, clear, falseClarify,
            relevantTotal, relevantHit, advisoryTotal, advisoryHit, scored.ToImmutable());
    }

    /// <summary>
    /// Whether <paramref name="decision"/> is right for <paramref name="gold"/>, as
    /// score.py counts it: a question that must be asked is asked; else asking
    /// is right only where it is allowed, and a route is right when its first
    /// destination is one <c>accept_first</c> accepts.
    /// </summary>
    public static bool Right(GoldQuestion gold, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(decision);
        var asked = decision.Status == DecisionStatus.Clarify;
        if (gold.Clarify == ClarifyExpectation.Required)
        {
            return asked;
        }

        if (asked)
        {
            return gold.Clarify == ClarifyExpectation.Allowed;
        }

        var destinations = Destinations(decision);
        return destinations.Length > 0 && Hit(destinations[0], gold.AcceptFirst);
    }

    /// <summary>Ordered destinations of a decision: steps first, then hand-offs (<c>pack/*</c> when no sheet is named).</summary>
    public static ImmutableArray<string> Destinations(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var list = ImmutableArray.CreateBuilder<string>(decision.Steps.Count + decision.Handoffs.Count);
        foreach (var step in decision.Steps)
        {
            list.Add($"{step.Pack}/{step.Sheet}");
        }

        foreach (var handoff in decision.Handoffs)
        {
            list.Add($"{handoff.Pack}/{handoff.Sheet ?? "*"}");
        }

        return list.ToImmutable();
    }

    /// <summary>
    /// Whether <paramref name="destination"/> matches one of the patterns (<c>pack/sheet</c> or
    /// <c>pack/*</c>). A pack matches under its full name or that name without its family word
    /// (<c>yzmir-ml-production</c> and <c>ml-production</c>), as <c>score.py</c> folds them, so
    /// gold files written with either name score the same.
    /// </summary>
    public static bool Hit(string destination, IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(patterns);
        var (pack, sheet) = Split(destination);
        foreach (var pattern in patterns)
        {
            var (wantedPack, wantedSheet) = Split(pattern);
            if (SamePack(pack, wantedPack) && (wantedSheet == "*" || wantedSheet == sheet))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two pack names are one pack: equal, or one is the other with a family word before it.</summary>
    public static bool SamePack(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b)
        {
            return true;
        }

        return Library.PackNames.WithoutFamily(a) == b || Library.PackNames.WithoutFamily(b) == a;
    }

    private static (string Pack, string Sheet) Split(string destination)
    {
        var slash = destination.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (destination, "*") : (destination[..slash], destination[(slash + 1)..]);
    }

    private static string LabelOf(string destination, RoutingPack pack)
    {
        var slash = destination.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !SamePack(destination[..slash], pack.Id))
        {
            return HandoffLabel;
        }

        return pack.SheetsById.TryGetValue(destination[(slash + 1)..], out var sheet) ? sheet.ConcernId : HandoffLabel;
    }
}
