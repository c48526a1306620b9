using System.Collections.Immutable;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Text;

namespace Wayfinder.Scoring;

/// <summary>How <see cref="ModelFitter"/> fits.</summary>
/// <param name="Split">The split whose items the weights are fitted on (null: every item).</param>
/// <param name="TuneSplit">The split the decision policy's settings are set on (null: the fitting items themselves).</param>
/// <param name="L2">The L2 penalty on weights and priors.</param>
/// <param name="Iterations">Full-batch gradient steps.</param>
/// <param name="LearningRate">The step size.</param>
public sealed record FitOptions(string? Split = "train", string? TuneSplit = "dev", double L2 = FitOptions.DefaultL2, int Iterations = FitOptions.DefaultIterations, double LearningRate = 0.5)
{
    /// <summary>The L2 penalty unless told.</summary>
    public const double DefaultL2 = 0.003;

    /// <summary>The gradient steps unless told.</summary>
    public const int DefaultIterations = 3000;

    /// <summary>Ask margins tried on the tuning split (above 1: always ask what the rules would ask).</summary>
    public static readonly ImmutableArray<double> Margins = [.. Enumerable.Range(0, 21).Select(i => i * 0.05), 2];

    /// <summary>Least signals tried on the tuning split.</summary>
    public static readonly ImmutableArray<double> MinSignals = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 25, 30, 100];

    /// <summary>Override margins tried on the tuning split (above 1: the composed route's first always stays first).</summary>
    public static readonly ImmutableArray<double> Overrides = [.. Enumerable.Range(0, 21).Select(i => i * 0.05), 2];
}

/// <summary>One point of the ask margin's trade-off curve on the tuning split.</summary>
public sealed record MarginPoint(double Margin, double MinSignal, double Override, double Accuracy, double FalseClarify, double ClarifyRecall, double RelevantAt3);

/// <summary>A fitted model and how it was chosen.</summary>
/// <param name="Model">The model, ready to write.</param>
/// <param name="Curve">Accuracy and needless questions against the ask margin on the tuning split, the other settings as chosen.</param>
/// <param name="Loss">The training loss at the end (mean negative log-likelihood of an accepted first destination).</param>
/// <param name="Skipped">Items not fitted on (no destination of this pack), with why.</param>
/// <param name="Kept">How many of the questions that must stay right (<c>--keep</c>) the rules and facets get right, all of which the chosen settings keep.</param>
public sealed record FitResult(RouteModel Model, ImmutableArray<MarginPoint> Curve, double Loss, ImmutableArray<string> Skipped, int Kept);

/// <summary>
/// Fits a pack's <see cref="RouteModel"/> from labelled questions. The
/// feature weights and each destination's prior: L2-penalised softmax
/// regression, by full-batch gradient descent from zero for a fixed number of
/// steps, so that the same file gives the same model on every machine. Each
/// question's example-based features are read against the examples of other
/// projects only, so the weights learn what carries to a project never seen.
/// The decision policy's settings (ask margin, least signal, override margin)
/// are then set on the tuning split: the best accuracy among the settings
/// that keep every question of <c>keep</c> the rules and facets get right
/// still right (ties: fewer needless questions, then the more cautious setting).
/// </summary>
public static class ModelFitter
{
    /// <param name="pack">The pack to fit.</param>
    /// <param name="gold">The labelled questions: the weights are fitted on its fitting split, the settings on its tuning split.</param>
    /// <param name="corpus">What to record of the file.</param>
    /// <param name="options">The splits and the descent's settings.</param>
    /// <param name="also">More labelled questions fitted on whatever their split (the pack's own cases).</param>
    /// <param name="keep">Questions the settings must not make wrong.</param>
    public static FitResult Fit(RoutingPack pack, GoldSet gold, ModelCorpus corpus, FitOptions options, IReadOnlyList<GoldQuestion>? also = null,
        IReadOnlyList<GoldQuestion>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var destinations = new DestinationSet(pack);
        var signals = new RouterBuilder().UsePack(pack).UseModel(RouteModel.Unfitted(pack.Id)).Build();

        // The fitting items, as examples; the model keeps them for example-based routing.
        var skipped = ImmutableArray.CreateBuilder<string>();
        var examples = ImmutableArray.CreateBuilder<ModelExample>();
        var items = new List<(ScoringInput Input, int[] Labels, string Group)>();
        foreach (var question in gold.InSplit(options.Split).Concat(also ?? []))
        {
            var labels = question.AcceptFirst.Select(destinations.IndexOfGold).Where(i => i >= 0).Distinct().Order().ToArray();
            if (labels.Length == 0)
            {
                skipped.Add(question.AcceptFirst.IsEmpty
                    ? $"{question.Id}: no first destination (a question to ask)"
                    : $"{question.Id}: no destination of pack '{pack.Id}' among {string.Join(", ", question.AcceptFirst)}");
                continue;
            }

            var input = signals.InputFor(question.Query);
            items.Add((input, labels, question.Project ?? question.Id));
            examples.Add(new ModelExample([.. labels.Select(l => destinations.Keys[l])], string.Join(' ', input.Words)));
        }

        var draft = RouteModel.Unfitted(pack.Id) with { Examples = examples.ToImmutable(), Corpus = corpus with { Split = options.Split ?? "", Items = items.Count } };
        var scorer = new ModelScorer(destinations, draft);
        var n = destinations.Count;
        var f = ModelScorer.FeatureCount;
        var features = new double[items.Count][];
        foreach (var group in items.Select((x, i) => (x.Group, i)).GroupBy(x => x.Group, StringComparer.Ordinal))
        {
            var members = group.Select(x => x.i).ToHashSet();
            var others = new ExampleIndex(n, [.. scorer.Examples.Examples.Where((_, i) => !members.Contains(i))]);
            foreach (var i in members.Order())
            {
                features[i] = new double[n * f];
                scorer.Features(items[i].Input, features[i], others);
            }
        }

        var (weights, bias, loss) = Descend(features, [.. items.Select(x => x.Labels)], n, f, options);
        var fitted = draft with
        {
            Weights = [.. weights],
            Bias = destinations.Keys.Select((k, d) => (k, bias[d])).ToImmutableSortedDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal),
        };

        var tune = gold.InSplit(options.TuneSplit ?? options.Split);
        var (ask, curve, kept) = Tune(pack, fitted, tune, keep ?? []);
        return new FitResult(fitted with { Ask = ask }, curve, loss, skipped.ToImmutable(), kept);
    }
    /// <summary>Softmax regression with every accepted first destination counting as right.</summary>
    private static (double[] Weights, double[] Bias, double Loss) Descend(double[][] x, int[][] labels, int n, int f, FitOptions options)
    {
        var weights = new double[f];
        var bias = new double[n];
        var scores = new double[n];
        var p = new double[n];
        var loss = 0.0;
        var m = Math.Max(1, x.Length);
        for (var step = 0; step < options.Iterations; step++)
        {
            var gw = new double[f];
            var gb = new double[n];
            loss = 0;
            for (var i = 0; i < x.Length; i++)
            {
                for (var d = 0; d < n; d++)
                {
                    scores[d] = ModelScorer.Linear(x[i].AsSpan(d * f, f), weights, bias[d]);
                }

                ModelScorer.Softmax(scores, p);
                var right = 0.0;
                foreach (var l in labels[i])
                {
                    right += p[l];
                }

                loss -= Math.Log(Math.Max(right, 1e-300));
                for (var d = 0; d < n; d++)
                {
                    // d(-log sum_A p)/d score_d = p_d - (d in A ? p_d / sum_A p : 0)
                    var g = p[d] - (labels[i].Contains(d) ? p[d] / right : 0);
                    gb[d] += g;
                    var row = x[i].AsSpan(d * f, f);
                    for (var k = 0; k < f; k++)
                    {
                        gw[k] += g * row[k];
                    }
                }
            }

            for (var k = 0; k < f; k++)
            {
                weights[k] -= options.LearningRate * ((gw[k] / m) + (options.L2 * weights[k]));
            }

            for (var d = 0; d < n; d++)
            {
                bias[d] -= options.LearningRate * ((gb[d] / m) + (options.L2 * bias[d]));
            }
        }

        return (weights, bias, loss / m);
    }

    /// <summary>
    /// Sets the decision policy on the tuning items. The override margin only
    /// changes questions for which the rules and facets propose a route, the
    /// ask margin and least signal only those for which they propose a
    /// question, so each is set on its own questions.
    /// </summary>
    private static (AskSettings Ask, ImmutableArray<MarginPoint> Curve, int Kept) Tune(RoutingPack pack, RouteModel model, ImmutableArray<GoldQuestion> tune,
        IReadOnlyList<GoldQuestion> keep)
    {
        var proposer = new RouterBuilder().UsePack(pack).UseModel(model).Build();
        ImmutableArray<ScoredQuestion> Correct(AskSettings settings, List<GoldQuestion> questions) => ModelFitter.Correct(pack, proposer.WithAsk(settings), questions);
        bool Proposes(GoldQuestion q) => proposer.InputFor(q.Query).Basis.Length == 0;

        // What must stay right: what the rules and facets alone get right.
        var cautious = new AskSettings(FitOptions.Margins[^1], FitOptions.MinSignals[^1], FitOptions.Overrides[^1], FitOptions.Overrides[^1]);
        var kept = Correct(cautious, [.. keep]).Where(x => x.Correct).Select(x => x.Gold).ToList();

        var routed = tune.Where(q => !Proposes(q)).ToList();
        var asked = tune.Where(Proposes).ToList();
        var keptRouted = kept.Where(q => !Proposes(q)).ToList();
        var keptAsked = kept.Where(Proposes).ToList();

        // Each override margin on the routes of its kind: fixed by a rule or a path, or composed.
        bool Fixed(GoldQuestion q) => proposer.InputFor(q.Query).Basis is Clarification.RouteBasis.Rule or Clarification.RouteBasis.Path;
        var bestOverride = BestOverride(proposer, pack, cautious, [.. routed.Where(q => !Fixed(q))], [.. keptRouted.Where(q => !Fixed(q))], (s, v) => s with { Override = v });
        var bestFixed = BestOverride(proposer, pack, cautious, [.. routed.Where(Fixed)], [.. keptRouted.Where(Fixed)], (s, v) => s with { OverrideFixed = v });
        var best = cautious with { Override = bestOverride, OverrideFixed = bestFixed };
        var bestAsk = (Right: -1, Needless: int.MaxValue);
        foreach (var minSignal in FitOptions.MinSignals)
        {
            foreach (var margin in FitOptions.Margins)
            {
                var settings = best with { Margin = margin, MinSignal = minSignal };
                if (!Correct(settings, keptAsked).All(x => x.Correct))
                {
                    continue;
                }

                var scored = Correct(settings, asked);
                var right = scored.Count(x => x.Correct);
                var needless = scored.Count(x => x.Gold.Clarify == ClarifyExpectation.Wrong && x.Decision?.Status == DecisionStatus.Clarify);
                // Ties go to the later, more cautious setting (a larger margin or least information).
                if (right > bestAsk.Right || (right == bestAsk.Right && needless <= bestAsk.Needless))
                {
                    bestAsk = (right, needless);
                    best = settings;
                }
            }
        }

        // The curve: the whole tuning split against the ask margin, the other settings as chosen.
        var curve = ImmutableArray.CreateBuilder<MarginPoint>();
        foreach (var margin in FitOptions.Margins)
        {
            var settings = best with { Margin = margin };
            var router = proposer.WithAsk(settings);
            var report = Scorer.Score("default", tune, [.. tune.Select(q => (Decision?)router.Route(q.Query))], pack);
            curve.Add(new MarginPoint(margin, settings.MinSignal, settings.Override, report.Accuracy, report.FalseClarifyRate, report.ClarifyRecall, report.RelevantRecallAt3));
        }

        return (best, curve.ToImmutable(), kept.Count);
    }

    /// <summary>The override margin that gets most of <paramref name="routed"/> right while keeping <paramref name="kept"/> right.</summary>
    private static double BestOverride(Router proposer, RoutingPack pack, AskSettings cautious, List<GoldQuestion> routed, List<GoldQuestion> kept,
        Func<AskSettings, double, AskSettings> with)
    {
        var best = FitOptions.Overrides[^1];
        var bestRight = -1;
        foreach (var value in FitOptions.Overrides)
        {
            var settings = with(cautious, value);
            if (!Correct(pack, proposer.WithAsk(settings), kept).All(x => x.Correct))
            {
                continue;
            }

            var right = Correct(pack, proposer.WithAsk(settings), routed).Count(x => x.Correct);
            if (right >= bestRight)
            {
                (bestRight, best) = (right, value);
            }
        }

        return best;
    }

    private static ImmutableArray<ScoredQuestion> Correct(RoutingPack pack, Router router, List<GoldQuestion> questions)
    {
        if (questions.Count == 0)
        {
            return [];
        }

        return Scorer.Score("default", questions, [.. questions.Select(q => (Decision?)router.Route(q.Query))], pack).Questions;
    }
}
