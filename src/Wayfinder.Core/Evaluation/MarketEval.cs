using System.Collections.Immutable;
using Wayfinder.Decisions;
using Wayfinder.Marketplace;

namespace Wayfinder.Evaluation;

/// <summary>One method's figures over a set of gold questions.</summary>
/// <param name="Items">Questions scored.</param>
/// <param name="RightPack">The first destination is in a pack some accepted first destination is in.</param>
/// <param name="Right">The first destination is accepted (or a question required to be asked was asked).</param>
/// <param name="ClarifyRequired">Questions an expert would ask about first.</param>
/// <param name="Asked">Of those, asked.</param>
/// <param name="Clear">Questions that must not be asked.</param>
/// <param name="FalseClarify">Of those, asked anyway.</param>
/// <param name="None">Questions said to fit no pack.</param>
public sealed record MarketTally(int Items, int RightPack, int Right, int ClarifyRequired, int Asked, int Clear, int FalseClarify, int None)
{
    /// <summary>Nothing counted yet.</summary>
    public static MarketTally Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Percent with the right first sheet; NaN with no items.</summary>
    public double Accuracy => Items == 0 ? double.NaN : 100.0 * Right / Items;

    /// <summary>Percent with the right pack; NaN with no items.</summary>
    public double PackAccuracy => Items == 0 ? double.NaN : 100.0 * RightPack / Items;

    /// <summary>Percent of clear questions asked anyway; NaN with none clear.</summary>
    public double FalseClarifyRate => Clear == 0 ? double.NaN : 100.0 * FalseClarify / Clear;

    /// <summary>Percent of questions that needed a question and got one; NaN with none.</summary>
    public double ClarifyRecall => ClarifyRequired == 0 ? double.NaN : 100.0 * Asked / ClarifyRequired;

    /// <summary>Two tallies summed, count by count.</summary>
    /// <param name="a">One tally.</param>
    /// <param name="b">The other.</param>
    public static MarketTally operator +(MarketTally a, MarketTally b) =>
        new(a.Items + b.Items, a.RightPack + b.RightPack, a.Right + b.Right, a.ClarifyRequired + b.ClarifyRequired, a.Asked + b.Asked, a.Clear + b.Clear, a.FalseClarify + b.FalseClarify, a.None + b.None);
}

/// <summary>How one question fared, by one method.</summary>
public sealed record MarketOutcome(GoldQuestion Gold, string Method, string Predicted, bool RightPack, bool Right);

/// <summary>
/// The figures of routing over packs on disk, against BM25 over the same packs'
/// whole sheets and over their sections, in one run:
/// <list type="bullet">
/// <item>inside one pack: each question routed inside the pack of its first accepted destination;</item>
/// <item>across the marketplace: right pack and right first sheet.</item>
/// </list>
/// </summary>
public sealed class MarketEval
{
    /// <summary>The method name of Wayfinder's routing.</summary>
    public const string Router = "router";
    /// <summary>The method name of BM25 over whole sheets.</summary>
    public const string Bm25Sheets = "bm25-sheets";
    /// <summary>The method name of BM25 over sections.</summary>
    public const string Bm25Sections = "bm25-sections";

    /// <summary>Every method, in the order reports list them.</summary>
    public static ImmutableArray<string> Methods { get; } = [Router, Bm25Sheets, Bm25Sections];

    private readonly MarketRouter _router;
    private readonly MarketIndex _baseline;

    /// <summary>
    /// Scores <paramref name="router"/>, built over <paramref name="packs"/>
    /// (in that order), against textbook BM25 (k1 1.2, b 0.75) over the same
    /// packs' whole sheets and sections.
    /// </summary>
    public MarketEval(MarketRouter router, IReadOnlyList<Wayfinder.Library.MarkdownPack> packs)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(packs);
        _router = router;
        _baseline = MarketIndex.Build(packs, Bm25Index.StandardB);
    }

    /// <summary>The baseline: the first sheet by plain BM25 over whole sheets or over sections, of pack <paramref name="p"/> or (-1) of every pack; "none" when no word is shared.</summary>
    private string Bm25(string question, int p, bool sections)
    {
        var words = _baseline.Vocabulary.Find(question);
        var index = sections ? _baseline.Sections : _baseline.Sheets;
        var scores = new double[index.Count];
        index.Score(words, scores);
        var best = -1;
        for (var d = 0; d < scores.Length; d++)
        {
            var sheet = sections ? _baseline.SectionSheet[d] : d;
            if ((p < 0 || _baseline.SheetPack[sheet] == p) && scores[d] > 0 && (best < 0 || scores[d] > scores[best]))
            {
                best = d;
            }
        }

        if (best < 0)
        {
            return NoneLabel;
        }

        var found = _baseline.Sheet(sections ? _baseline.SectionSheet[best] : best);
        return $"{found.Pack}/{found.Id}";
    }

    /// <summary>Each question routed inside the pack of its first accepted destination, by every method; questions whose pack is not loaded are left out.</summary>
    public List<MarketOutcome> InsidePacks(IReadOnlyList<GoldQuestion> gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var outcomes = new List<MarketOutcome>();
        foreach (var q in gold)
        {
            if (q.AcceptFirst.IsEmpty || _router.PackIndex(PackOf(q.AcceptFirst[0])) is not (>= 0 and var p))
            {
                continue;
            }

            outcomes.Add(Outcome(q, Router, First(_router.RouteInside(p, q.Query))));
            outcomes.Add(Outcome(q, Bm25Sheets, Bm25(q.Query, p, sections: false)));
            outcomes.Add(Outcome(q, Bm25Sections, Bm25(q.Query, p, sections: true)));
        }

        return outcomes;
    }

    /// <summary>Each question routed across every loaded pack, by every method.</summary>
    public List<MarketOutcome> Across(IReadOnlyList<GoldQuestion> gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var outcomes = new List<MarketOutcome>();
        foreach (var q in gold)
        {
            outcomes.Add(Outcome(q, Router, First(_router.Route(q.Query, []))));
            outcomes.Add(Outcome(q, Bm25Sheets, Bm25(q.Query, -1, sections: false)));
            outcomes.Add(Outcome(q, Bm25Sections, Bm25(q.Query, -1, sections: true)));
        }

        return outcomes;
    }

    /// <summary>The tally of <paramref name="outcomes"/>.</summary>
    public static MarketTally Tally(IEnumerable<MarketOutcome> outcomes)
    {
        var t = MarketTally.Zero;
        foreach (var o in outcomes)
        {
            var required = o.Gold.Clarify == ClarifyExpectation.Required;
            var clear = o.Gold.Clarify == ClarifyExpectation.Wrong;
            var asked = o.Predicted == Asked;
            t += new MarketTally(1, o.RightPack ? 1 : 0, o.Right ? 1 : 0, required ? 1 : 0, required && asked ? 1 : 0, clear ? 1 : 0, clear && asked ? 1 : 0, o.Predicted == NoneLabel ? 1 : 0);
        }

        return t;
    }

    /// <summary>The pack of a destination (<c>pack/sheet</c>, <c>pack/*</c>, <c>pack</c>).</summary>
    public static string PackOf(string destination) => destination.Split('/')[0];

    /// <summary>What a decision reads first: <c>pack/sheet</c>, a pack, <see cref="Asked"/> or <see cref="NoneLabel"/>.</summary>
    public static string First(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Status == DecisionStatus.Clarify)
        {
            return Asked;
        }

        var first = decision.Steps.Select(s => (s.Order, Key: $"{s.Pack}/{s.Sheet}"))
            .Concat(decision.Handoffs.Select(h => (h.Order, Key: h.Sheet is null ? h.Pack : $"{h.Pack}/{h.Sheet}")))
            .OrderBy(d => d.Order).Select(d => d.Key).FirstOrDefault();
        return first ?? NoneLabel;
    }

    /// <summary>What a method predicted when it asked a question.</summary>
    public const string Asked = "clarify";
    /// <summary>What a method predicted when nothing fit.</summary>
    public const string NoneLabel = "none";

    private static MarketOutcome Outcome(GoldQuestion q, string method, string predicted)
    {
        if (predicted == Asked)
        {
            return new MarketOutcome(q, method, predicted, false, q.Clarify == ClarifyExpectation.Required);
        }

        var pack = PackOf(predicted);
        var rightPack = q.AcceptFirst.Any(a => PackOf(a) == pack);
        var right = q.AcceptFirst.Any(a => Accepts(a, predicted));
        return new MarketOutcome(q, method, predicted, rightPack, right);
    }

    /// <summary>Whether an accepted destination accepts a predicted one: the same, or any sheet of a pack given as <c>pack/*</c> or as the bare pack.</summary>
    public static bool Accepts(string accepted, string predicted) =>
        accepted == predicted
        || (accepted.EndsWith("/*", StringComparison.Ordinal) && PackOf(predicted) == accepted[..^2])
        || (!accepted.Contains('/', StringComparison.Ordinal) && PackOf(predicted) == accepted);
}
