using System.Collections.Immutable;
using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Lexicon;

/// <summary>How strongly the question's words point at one destination.</summary>
/// <param name="Destination">A sheet of the routing pack, or another pack.</param>
/// <param name="Score">The sum of the weights of the distinct lexicon terms found for it.</param>
/// <param name="Terms">Those terms as the question wrote them, in order of appearance.</param>
internal sealed record LexiconScore(Target Destination, double Score, ImmutableArray<string> Terms);

/// <summary>
/// Scores destinations by the pack's weighted lexicon: every distinct term
/// found adds its weight to its destination, half as much when it stands only
/// in the question's background, nothing when the question dismisses it.
/// Built once per pack; read-only afterwards.
/// </summary>
internal sealed class LexiconScorer
{
    /// <summary>What a term in the background counts for, against one that is asked.</summary>
    public const double BackgroundShare = 0.5;

    private readonly TermMatcher _matcher;
    private readonly Dictionary<string, (Target Target, Dictionary<string, int> Weights)> _byKey;

    public LexiconScorer(RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _byKey = new Dictionary<string, (Target, Dictionary<string, int>)>(StringComparer.Ordinal);
        foreach (var entry in pack.Lexicon)
        {
            if (!_byKey.TryGetValue(entry.Destination.Key, out var slot))
            {
                _byKey[entry.Destination.Key] = slot = (entry.Destination with { Why = null }, new Dictionary<string, int>(StringComparer.Ordinal));
            }

            slot.Weights[entry.Term] = entry.Weight;
        }

        _matcher = new TermMatcher(pack.Lexicon.Select(e => (e.Destination.Key, e.Term)));
    }

    public bool IsEmpty => _byKey.Count == 0;

    /// <summary>Destinations with a positive score, best first (ties by destination key, so the order never varies).</summary>
    public List<LexiconScore> Score(string question, List<Token> tokens, Func<int, bool> isAsked)
    {
        var found = new Dictionary<string, Dictionary<string, (double Weight, string Said)>>(StringComparer.Ordinal);
        if (IsEmpty)
        {
            return [];
        }

        foreach (var hit in _matcher.Match(tokens))
        {
            if (Negation.IsDismissed(tokens, hit))
            {
                continue;
            }

            var weight = _byKey[hit.Facet].Weights[hit.Term] * (isAsked(hit.Start) ? 1.0 : BackgroundShare);
            if (!found.TryGetValue(hit.Facet, out var terms))
            {
                found[hit.Facet] = terms = new Dictionary<string, (double, string)>(StringComparer.Ordinal);
            }

            if (!terms.TryGetValue(hit.Term, out var seen) || seen.Weight < weight)
            {
                terms[hit.Term] = (weight, question.Substring(hit.Start, hit.Length));
            }
        }

        return [.. found
            .Select(f => new LexiconScore(_byKey[f.Key].Target, f.Value.Values.Sum(v => v.Weight), [.. f.Value.Values.Select(v => v.Said)]))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Destination.Key, StringComparer.Ordinal)];
    }
}
