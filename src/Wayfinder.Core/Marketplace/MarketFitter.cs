using System.Collections.Immutable;
using Wayfinder.Evaluation;

namespace Wayfinder.Marketplace;

/// <summary>
/// Fits the market weights (<see cref="MarketModel"/>) on labelled questions
/// across many packs: a softmax regression over the packs for which pack a
/// question belongs to, and one over a pack's sheets for which sheet to read
/// first, each maximising the chance of the accepted destinations. Then the
/// ask margin and the least information are set on a second set of questions.
/// Deterministic: the same questions and packs give the same weights.
/// </summary>
public static class MarketFitter
{
    internal const int Iterations = 400;
    internal const double LearningRate = 0.5;
    internal const double L2 = 0.001;

    /// <summary>The most questions asked needlessly, as a share of the clear questions of the tuning set, that the ask margin may cost: asking which pack costs a round trip, and each pack's own router still asks what it must.</summary>
    internal const double MaxFalseClarify = 0.02;

    /// <summary>
    /// Fits on <paramref name="train"/> and tunes on <paramref name="tune"/>.
    /// <paramref name="weight"/>, when given, weighs each training question
    /// (so that a corpus of one pack's questions does not outweigh one of many
    /// packs'); else each weighs 1.
    /// </summary>
    public static MarketModel Fit(MarketRouter router, IReadOnlyList<GoldQuestion> train, IReadOnlyList<GoldQuestion> tune, string? corpus = null, Func<GoldQuestion, double>? weight = null)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(tune);
        var packWidth = MarketFeatures.PackNames.Length;
        var sheetWidth = MarketFeatures.SheetNames.Length;
        var packCount = router.Packs.Length;
        var packRows = new List<(double[] Features, int Count, HashSet<int> Targets, double Weight)>();
        var sheetRows = new List<(double[] Features, int Count, HashSet<int> Targets, double Weight)>();
        foreach (var q in train)
        {
            if (q.AcceptFirst.IsEmpty)
            {
                continue;
            }

            var targets = q.AcceptFirst.Select(a => router.PackIndex(MarketEval.PackOf(a))).Where(p => p >= 0).ToHashSet();
            if (targets.Count == 0)
            {
                continue;
            }

            var w = weight?.Invoke(q) ?? 1.0;
            packRows.Add((router.PackRows(q.Query), packCount, targets, w));
            foreach (var p in targets)
            {
                var rows = router.SheetRows(q.Query, p);
                if (rows.Count < 2)
                {
                    continue;
                }

                var sheets = rows.Select((r, i) => (r, i))
                    .Where(x => q.AcceptFirst.Any(a => a == $"{router.Index.Sheet(x.r.Sheet).Pack}/{router.Index.Sheet(x.r.Sheet).Id}"))
                    .Select(x => x.i).ToHashSet();
                if (sheets.Count > 0 && sheets.Count < rows.Count)
                {
                    sheetRows.Add(([.. rows.SelectMany(r => r.Features)], rows.Count, sheets, w));
                }
            }
        }

        var packWeights = Softmax(packRows, packWidth);
        var sheetWeights = Softmax(sheetRows, sheetWidth);
        var model = new MarketModel { Pack = [.. packWeights.Select(Round)], Sheet = [.. sheetWeights.Select(Round)], Corpus = corpus };
        return Tune(router, model, tune);
    }

    /// <summary>The ask margin: the widest that keeps needless questions on <paramref name="tune"/> at most <see cref="MaxFalseClarify"/>; the least information: the highest that says "none" to no question with an accepted destination.</summary>
    private static MarketModel Tune(MarketRouter router, MarketModel model, IReadOnlyList<GoldQuestion> tune)
    {
        var gaps = new List<(double Gap, bool Required, bool Clear)>();
        var information = new List<double>();
        foreach (var q in tune)
        {
            var (gap, info) = router.Margins(q.Query, model);
            gaps.Add((gap, q.Clarify == ClarifyExpectation.Required, q.Clarify == ClarifyExpectation.Wrong));
            if (!q.AcceptFirst.IsEmpty)
            {
                information.Add(info);
            }
        }

        var clear = gaps.Count(g => g.Clear);
        var margin = 0.0;
        foreach (var candidate in gaps.Select(g => g.Gap).Where(g => g > 0).Distinct().Order())
        {
            var asked = gaps.Count(g => g.Clear && g.Gap < candidate + 1e-9);
            if (asked > MaxFalseClarify * clear)
            {
                break;
            }

            margin = candidate + 1e-6;
        }

        var least = information.Count == 0 ? 0 : Math.Max(0, information.Min() - 1e-6);
        return model with { AskMargin = Round(margin), MinInformation = Round(Math.Min(least, model.MinInformation)) };
    }

    private static double Round(double value) => Math.Round(value, 6);

    /// <summary>Full-batch gradient ascent on the log chance of the targets, from zero weights, with a light L2 pull.</summary>
    private static double[] Softmax(List<(double[] Features, int Count, HashSet<int> Targets, double Weight)> rows, int width)
    {
        var w = new double[width];
        if (rows.Count == 0)
        {
            return w;
        }

        var gradient = new double[width];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(gradient);
            var weightSum = rows.Sum(r => r.Weight);
            foreach (var (features, count, targets, weight) in rows)
            {
                var scores = new double[count];
                var max = double.NegativeInfinity;
                for (var c = 0; c < count; c++)
                {
                    var s = 0.0;
                    for (var f = 0; f < width; f++)
                    {
                        s += w[f] * features[(c * width) + f];
                    }

                    scores[c] = s;
                    max = Math.Max(max, s);
                }

                var total = 0.0;
                var target = 0.0;
                for (var c = 0; c < count; c++)
                {
                    scores[c] = Math.Exp(scores[c] - max);
                    total += scores[c];
                    if (targets.Contains(c))
                    {
                        target += scores[c];
                    }
                }

                for (var c = 0; c < count; c++)
                {
                    var p = scores[c] / total;
                    var q = targets.Contains(c) ? scores[c] / target : 0;
                    for (var f = 0; f < width; f++)
                    {
                        gradient[f] += weight * (q - p) * features[(c * width) + f];
                    }
                }
            }

            for (var f = 0; f < width; f++)
            {
                w[f] += LearningRate * ((gradient[f] / weightSum) - (L2 * w[f]));
            }
        }

        return w;
    }
}
