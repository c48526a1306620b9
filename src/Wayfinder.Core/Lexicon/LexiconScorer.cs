using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Lexicon;

/// <summary>How strongly the question's words point at one destination.</summary>
/// <param name="Destination">A sheet of the routing pack, or another pack.</param>
/// <param name="Score">The sum of the weights of the distinct lexicon terms found for it.</param>
internal sealed record LexiconScore(Target Destination, double Score);

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

    private readonly RoutingPack _pack;

    // Compiled on first use: a question that routes by facets alone never
    // needs the lexicon, and a command that routes one question should not
    // compile some 1,700 terms it may not read.
    private readonly Lazy<(TermMatcher Matcher, Dictionary<string, Target> Destinations)> _compiled;

    public LexiconScorer(RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _pack = pack;
        _compiled = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsEmpty => _pack.Lexicon.IsDefaultOrEmpty;

    /// <summary>The terms, each hit carrying its weight, and each destination by key.</summary>
    private (TermMatcher, Dictionary<string, Target>) Compile()
    {
        var destinations = new Dictionary<string, Target>(StringComparer.Ordinal);
        var terms = new List<(string Key, string Term, int Weight)>(_pack.Lexicon.Length);
        Target? last = null;
        var key = "";
        foreach (var entry in _pack.Lexicon)
        {
            // Entries come in runs that share a destination: its key is made once a run.
            if (!ReferenceEquals(entry.Destination, last))
            {
                last = entry.Destination;
                key = last.Key;
                destinations.TryAdd(key, last with { Why = null });
            }

            terms.Add((key, entry.Term, entry.Weight));
        }

        return (new TermMatcher(terms), destinations);
    }

    /// <summary>
    /// Destinations with a positive score, best first (ties by destination key,
    /// so the order never varies). <paramref name="asks"/> are the spans of the
    /// asking sentences (empty: all of the question asks).
    /// </summary>
    public List<LexiconScore> Score(List<Token> tokens, List<(int Start, int End)> asks)
    {
        if (IsEmpty)
        {
            return [];
        }

        var (matcher, destinations) = _compiled.Value;

        // Few terms match one question: a flat list, searched linearly, allocates least.
        var hits = matcher.Match(tokens);
        var found = new List<(string Key, string Term, double Weight)>(hits.Count);
        foreach (var hit in hits)
        {
            if (Negation.IsDismissed(tokens, hit))
            {
                continue;
            }

            var weight = hit.Weight * (IsAsked(asks, hit.Start) ? 1.0 : BackgroundShare);
            var at = -1;
            for (var i = 0; i < found.Count; i++)
            {
                if (found[i].Key == hit.Facet && found[i].Term == hit.Term)
                {
                    at = i;
                    break;
                }
            }

            if (at < 0)
            {
                found.Add((hit.Facet, hit.Term, weight));
            }
            else if (found[at].Weight < weight)
            {
                found[at] = (hit.Facet, hit.Term, weight);
            }
        }

        // Group by destination in order of first appearance.
        var scores = new List<LexiconScore>();
        for (var i = 0; i < found.Count; i++)
        {
            var key = found[i].Key;
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = found[j].Key == key;
            }

            if (seen)
            {
                continue;
            }

            var total = 0.0;
            for (var j = i; j < found.Count; j++)
            {
                if (found[j].Key == key)
                {
                    total += found[j].Weight;
                }
            }

            scores.Add(new LexiconScore(destinations[key], total));
        }

        scores.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Destination.Key, b.Destination.Key));
        return scores;
    }

    private static bool IsAsked(List<(int Start, int End)> asks, int at)
    {
        if (asks.Count == 0)
        {
            return true;
        }

        foreach (var (start, end) in asks)
        {
            if (at >= start && at < end)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A question's lexicon scores, computed on first use: most questions route
/// without them, and matching some 1,700 terms is a fifth of a long
/// question's allocations. One instance per <c>Route</c> call; not shared.
/// </summary>
internal sealed class LazyLexicon(LexiconScorer? scorer, List<Token> tokens, List<(int Start, int End)> asks)
{
    private List<LexiconScore>? _scores;

    /// <summary>Scores nothing: for routes that must not be weighed.</summary>
    public static LazyLexicon None { get; } = new(null, [], []);

    public List<LexiconScore> Scores => _scores ??= scorer?.Score(tokens, asks) ?? [];
}
