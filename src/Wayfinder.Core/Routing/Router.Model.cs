using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Lexicon;
using Wayfinder.Packs;
using Wayfinder.Scoring;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>What the fitted model weighs: the signals as features, the ask policy on a proposed question, the override of a composed route.</summary>
public sealed partial class Router
{
    /// <summary>
    /// What the router's signals say about each destination, for the model to
    /// weigh: the route the rules and facets propose, the destinations of the
    /// question they would ask, and the words of <paramref name="tokens"/>;
    /// without <paramref name="withBroad"/>, the broad needs' words (those that
    /// raise clarifying questions) count for nothing.
    /// </summary>
    private ScoringInput Input(QuestionState state, List<Token> tokens, List<LexiconScore> lexicon, bool withBroad)
    {
        var outcome = state.Outcome;
        var destinations = _scorer.Destinations;
        var input = new ScoringInput(destinations.Count, tokens.Count);
        foreach (var token in tokens)
        {
            if (ContentWords.IsContent(token.Text))
            {
                input.Words.Add(token.Text);
            }
        }

        if (outcome.Ask is null)
        {
            for (var i = 0; i < outcome.Route.Count; i++)
            {
                var d = destinations.IndexOf(outcome.Route[i]);
                if (d < 0 || d == input.RouteFirst || input.RouteLater.Contains(d))
                {
                    continue;
                }

                if (input.RouteFirst < 0)
                {
                    input.RouteFirst = d;
                }
                else
                {
                    input.RouteLater.Add(d);
                }
            }

            input.Basis = outcome.Basis;
        }
        else if (outcome.Ask.Id != _fallback.Id)
        {
            _reach[outcome.Ask.Id].CopyTo(input.InQuestion, 0);
        }

        foreach (var facet in Pack.Facets)
        {
            if (!state.Asked.Contains(facet.Id) || !state.Said.TryGetValue(facet.Id, out var words) || (!withBroad && (IsBroad(facet) || facet.Context)))
            {
                continue;
            }

            var count = Math.Min(_options.MaxWordsPerFacet, words.Count);
            foreach (var sheet in facet.Sheets)
            {
                input.Terms[destinations.IndexOfSheet(sheet)] += count;
            }

            foreach (var handoff in facet.Handoffs)
            {
                if (destinations.IndexOf(handoff) is var d and >= 0)
                {
                    input.Terms[d] += count;
                }
            }
        }

        foreach (var score in lexicon)
        {
            if (destinations.IndexOf(score.Destination) is var d and >= 0)
            {
                input.Lexicon[d] += score.Score;
            }
        }

        return input;
    }

    /// <summary>A facet that raises a clarifying question or stands for a broad need.</summary>
    private bool IsBroad(Facet facet) => facet.Ask is not null || Pack.AskOrder.Contains(facet.Id);

    /// <summary>
    /// Hands a proposed question to the ask policy, with the model's reading of
    /// the whole question and of its context: the question with the words that
    /// raised the proposal (the broad needs' words) left out.
    /// </summary>
    private Outcome Settle(QuestionState state, Question proposed, DestinationScores full)
    {
        scoped var context = full;
        var raisedBy = "";
        Span<double> buffer = stackalloc double[_scorer.BufferLength];
        if (proposed.Id != _fallback.Id)
        {
            var text = state.Question.ToCharArray();
            var words = new List<string>();
            foreach (var hit in state.Hits)
            {
                // A setting alone ("on GPU", "in FP16") answers no broad need's question either.
                if (IsBroad(Pack.FacetsById[hit.Facet]) || Pack.FacetsById[hit.Facet].Context)
                {
                    Array.Fill(text, ' ', hit.Start, hit.Length);
                    var said = $"\"{state.Question.Substring(hit.Start, hit.Length)}\"";
                    if (!words.Contains(said))
                    {
                        words.Add(said);
                    }
                }
            }

            var rest = new string(text);
            var tokens = TextNormalizer.Tokenize(rest);
            context = _scorer.Score(Input(state, tokens, _lexicon.Score(tokens, state.Asks), withBroad: false), buffer);
            raisedBy = string.Join(", ", words);
        }

        return AskPolicy.Settle(proposed, raisedBy, Branches, Pack.QuestionsById, full, context, Ask, _options, state.Evidence);
    }

    /// <summary>Each answer of a clarifying question with the destinations it leads to.</summary>
    private List<Branch> Branches(Question question) => _branches[question.Id];

    /// <summary>
    /// The model's first destination leads a route the rules and facets
    /// composed when it is not already their first: the rest of their route
    /// follows it, in their order.
    /// </summary>
    private Outcome Rerank(Outcome outcome, DestinationScores scores, bool isTaskList, List<Evidence> evidence)
    {
        var destinations = _scorer.Destinations;
        var top = scores.Best();
        var first = outcome.Route.Count > 0 ? destinations.IndexOf(outcome.Route[0]) : -1;
        var p = scores.Probabilities;
        // A list of tasks is read in execution order, as the rules composed
        // it; otherwise the model's first destination goes in front when it
        // leads their first by the override margin.
        var found = false;
        foreach (var target in outcome.Route)
        {
            found |= destinations.IndexOf(target) == top;
        }

        var margin = outcome.Basis is RouteBasis.Rule or RouteBasis.Path ? Ask.OverrideFixed : Ask.Override;
        if (first == top || (found && isTaskList) || (first >= 0 && p[top] - p[first] < margin))
        {
            return outcome with { Probability = first >= 0 ? p[first] : 0 };
        }

        var route = new List<Target>(outcome.Route.Count + 1) { destinations.Targets[top] };
        evidence.Add(new Evidence(EvidenceKind.Score, destinations.Keys[top], scores.Explain(top)));
        foreach (var target in outcome.Route)
        {
            if (destinations.IndexOf(target) != top)
            {
                route.Add(target);
            }
        }

        evidence.Add(new Evidence(EvidenceKind.Score, "route", FormattableString.Invariant(
            $"the model puts {destinations.Keys[top]} before the composed route: it leads {(first >= 0 ? destinations.Keys[first] : "it")} by {p[top] - (first >= 0 ? p[first] : 0):0.00}, at least the override margin {margin:0.00}")));
        return Outcome.Routing(route, RouteBasis.Model) with { Probability = scores.Probabilities[top] };
    }
}
