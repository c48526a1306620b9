using System.Collections.Immutable;
using System.Diagnostics;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;

namespace Wayfinder.Evaluation;

/// <summary>One matcher's run over a gold set: its report and how long it took.</summary>
public sealed record EvalRun(EvalReport Report, ImmutableArray<Decision?> Decisions, TimeSpan Elapsed, ImmutableArray<string> Errors)
{
    /// <summary>Mean wall-clock time per question, in milliseconds.</summary>
    public double MillisecondsPerQuestion => Report.Items == 0 ? 0 : Elapsed.TotalMilliseconds / Report.Items;
}

/// <summary>Runs matchers over the same gold questions and scores them.</summary>
public static class EvalRunner
{
    /// <summary>
    /// Routes every question with <paramref name="matcher"/> and scores the
    /// decisions. A question the matcher refuses (empty, oversize) counts as a
    /// missing decision and is reported; the run goes on.
    /// </summary>
    public static EvalRun Run(IQuestionMatcher matcher, IReadOnlyList<GoldQuestion> gold, RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(gold);
        var decisions = new Decision?[gold.Count];
        var errors = ImmutableArray.CreateBuilder<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < gold.Count; i++)
        {
            try
            {
                decisions[i] = matcher.Match(gold[i].Query) with { Id = gold[i].Id };
            }
            catch (WayfinderError ex)
            {
                errors.Add($"{gold[i].Id} (line {gold[i].Line}): {ex.Message}");
            }
        }

        clock.Stop();
        var report = Scorer.Score(matcher.Name, gold, decisions, pack);
        return new EvalRun(report, [.. decisions], clock.Elapsed, errors.ToImmutable());
    }
}
