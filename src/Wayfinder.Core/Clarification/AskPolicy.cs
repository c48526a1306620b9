using System.Collections.Frozen;
using System.Globalization;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Scoring;

namespace Wayfinder.Clarification;

/// <summary>An answer of a clarifying question with the destinations it leads to (by index in the <see cref="DestinationSet"/>).</summary>
internal readonly record struct Branch(QuestionOption Option, bool[] Reach);

/// <summary>
/// The one place where asking is weighed against routing, once per question.
/// The rules and facets propose an outcome: a route, or a clarifying question
/// when a broad need alone (or nothing at all) was found. A proposed question
/// is asked unless the question's context answers it: read without the words
/// that raised it, the question must say enough (the information of its
/// words at least the least signal), and what it says must
/// separate the branches (the best answer's probability ahead of the next by
/// at least the margin), down to the last question of the path. A proposed
/// route keeps its first destination unless the model's own first leads it by
/// the override margin. All three settings are fitted (<c>wayfinder fit</c>).
/// </summary>
internal static class AskPolicy
{
    /// <summary>
    /// Settles a proposed question: the question to ask (the proposed one,
    /// unless the context answers its whole path), or a route.
    /// </summary>
    /// <param name="proposed">The question the rules and facets would ask.</param>
    /// <param name="raisedBy">The words that raised it (empty for the catch-all question).</param>
    /// <param name="branchesOf">Each answer of a question with where it leads.</param>
    /// <param name="questions">The pack's questions, by id, for the path's next questions.</param>
    /// <param name="full">The model's reading of the whole question.</param>
    /// <param name="context">Its reading of the question without the words that raised the proposal.</param>
    /// <param name="settings">The fitted margin and least signal.</param>
    /// <param name="options">How many destinations follow the first, and on what share.</param>
    /// <param name="evidence">Where the reasons go.</param>
    public static Outcome Settle(Question proposed, string raisedBy, Func<Question, List<Branch>> branchesOf, FrozenDictionary<string, Question> questions,
        DestinationScores full, DestinationScores context, AskSettings settings, RouterOptions options, List<Evidence> evidence)
    {
        var signal = context.Information;
        var without = raisedBy.Length == 0 ? "" : $" besides {raisedBy}";
        if (!context.Found)
        {
            evidence.Add(new Evidence(EvidenceKind.Ask, proposed.Id, $"asked: nothing in the question{without} points anywhere"));
            return Outcome.Asking(proposed);
        }

        if (signal < settings.MinSignal)
        {
            evidence.Add(new Evidence(EvidenceKind.Ask, proposed.Id, Invariant(
                $"asked: the question says too little{without} to choose (information {signal:0.00}, under {settings.MinSignal:0.00})")));
            return Outcome.Asking(proposed);
        }

        var question = proposed;
        bool[]? reach = null;
        var leaning = new List<string>();
        for (var depth = 0; depth <= questions.Count; depth++)
        {
            var (answer, lead, next, chosen) = Weigh(branchesOf(question), context.Probabilities);
            if (chosen.Option is null && raisedBy.Length > 0)
            {
                // The question may be settled only inside what it asks about.
                evidence.Add(new Evidence(EvidenceKind.Ask, question.Id, Invariant(
                    $"asked: the question{without} points outside the answers of '{question.Id}' ({next} is the best of them)")));
                return Outcome.Asking(proposed) with { Leaning = leaning };
            }

            if (chosen.Option is not null)
            {
                leaning.Add(chosen.Option.Answer);
            }

            if (lead < settings.Margin)
            {
                // The context settles the whole path or nothing: a question
                // half answered is asked from its start, with the answers its
                // words lean to down the path, for whoever wants a likely branch.
                evidence.Add(new Evidence(EvidenceKind.Ask, question.Id, Invariant(
                    $"asked: the question{without} leans to '{answer}' over {next}, by {lead:0.00}, under the margin {settings.Margin:0.00}")));
                return Outcome.Asking(proposed) with { Leaning = leaning };
            }

            evidence.Add(new Evidence(EvidenceKind.Ask, question.Id, Invariant(
                $"answered by the question{without}: '{answer}' over {next}, by {lead:0.00} (margin {settings.Margin:0.00}), on information {signal:0.00} (least {settings.MinSignal:0.00})")));
            reach = chosen.Reach;
            if (chosen.Option?.Next is not { } id || !questions.TryGetValue(id, out var follow))
            {
                break;
            }

            question = follow;
        }

        // The route starts at the best destination the chosen answer leads to.
        var first = -1;
        foreach (var d in full.Ranking())
        {
            if (reach is null || reach[d])
            {
                first = d;
                break;
            }
        }

        return Outcome.Routing(Follow(full, first, options, evidence), RouteBasis.Model) with { Probability = full.Probabilities[first] };
    }

    /// <summary>
    /// The best answer, its lead over the next, and the next's name. Each
    /// answer is worth its best destination's probability; destinations no
    /// answer leads to make one more answer, "none of these".
    /// </summary>
    private static (string Answer, double Lead, string Next, (QuestionOption? Option, bool[] Reach) Chosen) Weigh(List<Branch> branches, ReadOnlySpan<double> p)
    {
        var elsewhere = new bool[p.Length];
        Array.Fill(elsewhere, true);
        var worth = new List<(string Answer, double P, QuestionOption? Option, bool[] Reach)>(branches.Count + 1);
        foreach (var branch in branches)
        {
            for (var d = 0; d < p.Length; d++)
            {
                elsewhere[d] &= !branch.Reach[d];
            }

            worth.Add((branch.Option.Answer, Best(p, branch.Reach), branch.Option, branch.Reach));
        }

        if (Array.IndexOf(elsewhere, true) >= 0)
        {
            worth.Add(("none of these", Best(p, elsewhere), null, elsewhere));
        }

        // The best two; equal worth keeps the question's own order.
        var (top, runnerUp) = (0, -1);
        for (var i = 1; i < worth.Count; i++)
        {
            if (worth[i].P > worth[top].P)
            {
                (top, runnerUp) = (i, top);
            }
            else if (runnerUp < 0 || worth[i].P > worth[runnerUp].P)
            {
                runnerUp = i;
            }
        }

        var best = worth[top];
        var second = runnerUp >= 0 ? worth[runnerUp] : default;
        var next = runnerUp >= 0 ? Invariant($"'{second.Answer}' ({second.P:0.00})") : "nothing";
        return (best.Answer, best.P - (runnerUp >= 0 ? second.P : 0), next, (best.Option, best.Reach));
    }

    /// <summary>
    /// A route led by <paramref name="first"/>, followed by the destinations
    /// whose probability is at least <see cref="RouterOptions.FollowShare"/> of its own, best
    /// first, up to <see cref="RouterOptions.MaxModelDestinations"/>.
    /// </summary>
    public static List<Target> Follow(DestinationScores scores, int first, RouterOptions options, List<Evidence> evidence)
    {
        var p = scores.Probabilities;
        var route = new List<Target> { scores.Destinations.Targets[first] };
        evidence.Add(new Evidence(EvidenceKind.Score, scores.Destinations.Keys[first], scores.Explain(first)));
        foreach (var d in scores.Ranking())
        {
            if (route.Count >= options.MaxModelDestinations || p[d] < options.FollowShare * p[first])
            {
                break;
            }

            if (d != first)
            {
                route.Add(scores.Destinations.Targets[d]);
                evidence.Add(new Evidence(EvidenceKind.Score, scores.Destinations.Keys[d], scores.Explain(d)));
            }
        }

        return route;
    }

    private static double Best(ReadOnlySpan<double> p, bool[] among)
    {
        var best = 0.0;
        for (var d = 0; d < p.Length; d++)
        {
            if (among[d])
            {
                best = Math.Max(best, p[d]);
            }
        }

        return best;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
