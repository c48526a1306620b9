using System.Collections.Immutable;
using Wayfinder.Decisions;

namespace Wayfinder.Evaluation;

/// <summary>A figure as a share: null percent when there was nothing to count.</summary>
public sealed record Figure(double? Percent, int Hit, int Of)
{
    /// <summary><paramref name="hit"/> of <paramref name="of"/> as a percent rounded to one place; null percent when <paramref name="of"/> is 0.</summary>
    /// <param name="hit">How many were right.</param>
    /// <param name="of">How many were counted.</param>
    public static Figure Share(int hit, int of) => new(of == 0 ? null : Math.Round(100.0 * hit / of, 1), hit, of);
}

/// <summary>One cell of a confusion table.</summary>
public sealed record ConfusionCell(string Expected, string Predicted, int Count);

/// <summary>A question a matcher got wrong, with what it decided and why.</summary>
public sealed record EvalMiss(
    string Id,
    ImmutableArray<string> AcceptFirst,
    string Clarify,
    string? Status,
    ImmutableArray<string> Destinations,
    string Query,
    ImmutableArray<string> Evidence);

/// <summary>The JSON form of one matcher's evaluation.</summary>
public sealed record EvalSummary(
    string Matcher,
    int Items,
    int Missing,
    Figure Accuracy,
    Figure ClarifyRecall,
    Figure FalseClarify,
    Figure RelevantRecallAt3,
    Figure AdvisoryRecall,
    double MillisecondsPerQuestion,
    ImmutableArray<ConfusionCell> Confusion,
    ImmutableArray<EvalMiss> Misses)
{
    /// <summary>The JSON form of <paramref name="run"/>.</summary>
    /// <param name="run">One matcher's evaluation.</param>
    public static EvalSummary From(EvalRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var r = run.Report;
        return new EvalSummary(
            r.Matcher,
            r.Items,
            r.Missing,
            Figure.Share(r.Correct, r.Items),
            Figure.Share(r.ClarifyRequiredAsked, r.ClarifyRequired),
            Figure.Share(r.FalseClarify, r.ClearQuestions),
            Figure.Share(r.RelevantHit, r.RelevantTotal),
            Figure.Share(r.AdvisoryHit, r.AdvisoryTotal),
            Math.Round(run.MillisecondsPerQuestion, 3),
            [.. r.Confusion.Select(c => new ConfusionCell(c.Key.Expected, c.Key.Predicted, c.Value))],
            [.. r.Misses.Select(m => new EvalMiss(
                m.Gold.Id,
                m.Gold.AcceptFirst,
                m.Gold.Clarify,
                m.Decision?.Status,
                m.Destinations.Length > 3 ? m.Destinations[..3] : m.Destinations,
                m.Gold.Query,
                [.. (m.Decision?.Evidence ?? []).Select(e => $"{e.Kind} {e.Ref}: {e.Text}")]))]);
    }
}
