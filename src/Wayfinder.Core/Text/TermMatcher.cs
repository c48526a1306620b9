using System.Collections.Frozen;

namespace Wayfinder.Text;

/// <summary>A term of a facet found in a question.</summary>
internal readonly record struct TermHit(string Facet, string Term, int FirstToken, int TokenCount, int Start, int Length)
{
    /// <summary>The term has a <c>~</c> gap that skipped words: those words stay free for other terms.</summary>
    public bool Loose { get; init; }
}

/// <summary>
/// Finds facet terms in tokenised text. Built once from (facet, term) pairs;
/// immutable and safe to share. A term word ending in <c>*</c> matches any word
/// starting with it; a <c>~</c> between words stands for up to
/// <see cref="MaxGap"/> other words ("want ~ deployed" matches "want the new
/// model deployed"). Where a longer term covers a shorter one, only the longer
/// counts ("finished training" is not "training").
/// </summary>
internal sealed class TermMatcher
{
    /// <summary>How many words a <c>~</c> in a term may stand for.</summary>
    public const int MaxGap = 6;

    private readonly FrozenDictionary<string, Pattern[]> _byFirstWord;
    private readonly FrozenDictionary<char, Pattern[]> _prefixFirst;
    private readonly int _longest;

    public TermMatcher(IEnumerable<(string Facet, string Term)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var exact = new Dictionary<string, List<Pattern>>(StringComparer.Ordinal);
        var prefix = new Dictionary<char, List<Pattern>>();
        foreach (var (facet, term) in terms)
        {
            var words = Compile(term);
            if (words.Length == 0)
            {
                continue;
            }

            var pattern = new Pattern(facet, term, words);
            _longest = Math.Max(_longest, words.Length + (words.Count(w => w.IsGap) * MaxGap));
            if (words[0].IsGap || words[^1].IsGap)
            {
                continue; // a gap needs words on both sides
            }

            if (words[0].IsPrefix)
            {
                // Prefix terms are indexed by their first character.
                if (!prefix.TryGetValue(words[0].Text[0], out var byChar))
                {
                    prefix[words[0].Text[0]] = byChar = [];
                }

                byChar.Add(pattern);
            }
            else
            {
                if (!exact.TryGetValue(words[0].Text, out var list))
                {
                    exact[words[0].Text] = list = [];
                }

                list.Add(pattern);
            }
        }

        _byFirstWord = exact.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _prefixFirst = prefix.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>All hits in token order, longest-covering terms only.</summary>
    public List<TermHit> Match(IReadOnlyList<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        // Sized for a typical question, so that the list rarely grows.
        var hits = new List<TermHit>(Math.Min(tokens.Count, 16));
        for (var i = 0; i < tokens.Count; i++)
        {
            if (_byFirstWord.TryGetValue(tokens[i].Text, out var candidates))
            {
                foreach (var p in candidates)
                {
                    TryAdd(p, tokens, i, hits);
                }
            }

            if (_prefixFirst.TryGetValue(tokens[i].Text[0], out var prefixed))
            {
                foreach (var p in prefixed)
                {
                    TryAdd(p, tokens, i, hits);
                }
            }
        }

        // Drop hits strictly inside a longer hit. Hits are in token order, so
        // only those starting at most one term length earlier can cover one.
        if (!hits.Exists(h => h.TokenCount > 1))
        {
            return hits; // single words cover nothing
        }

        var kept = new List<TermHit>(hits.Count);
        var from = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            var h = hits[i];
            while (hits[from].FirstToken + _longest < h.FirstToken)
            {
                from++;
            }

            var covered = false;
            for (var j = from; j < hits.Count && hits[j].FirstToken <= h.FirstToken; j++)
            {
                var other = hits[j];
                if (!other.Loose && other.TokenCount > h.TokenCount && other.FirstToken + other.TokenCount >= h.FirstToken + h.TokenCount)
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                kept.Add(h);
            }
        }

        return kept;
    }

    private static void TryAdd(Pattern p, IReadOnlyList<Token> tokens, int at, List<TermHit> hits)
    {
        var end = MatchFrom(p.Words, 0, tokens, at);
        if (end < 0)
        {
            return;
        }

        var first = tokens[at];
        var last = tokens[end - 1];
        // A gap term whose words stood side by side was matched as a plain phrase.
        hits.Add(new TermHit(p.Facet, p.Term, at, end - at, first.Start, last.Start + last.Length - first.Start) { Loose = p.HasGap && end - at > p.WordCount });
    }

    /// <summary>The token index after the match of words[k..] at tokens[at..], or -1; a gap takes as few words as it can.</summary>
    private static int MatchFrom(Word[] words, int k, IReadOnlyList<Token> tokens, int at)
    {
        for (; k < words.Length; k++, at++)
        {
            if (words[k].IsGap)
            {
                for (var skip = 0; skip <= MaxGap && at + skip < tokens.Count; skip++)
                {
                    var end = MatchFrom(words, k + 1, tokens, at + skip);
                    if (end >= 0)
                    {
                        return end;
                    }
                }

                return -1;
            }

            if (at >= tokens.Count || !words[k].Matches(tokens[at].Text))
            {
                return -1;
            }
        }

        return at;
    }

    private static Word[] Compile(string term)
    {
        var parts = term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var words = new List<Word>();
        foreach (var part in parts)
        {
            if (part == "~")
            {
                words.Add(new Word("~", false, IsGap: true));
                continue;
            }

            var isPrefix = part.EndsWith('*');
            var body = isPrefix ? part[..^1] : part;
            var tokens = TextNormalizer.Tokenize(body);
            for (var k = 0; k < tokens.Count; k++)
            {
                var prefixWord = isPrefix && k == tokens.Count - 1;

                // A prefix is compared with the raw lower-case form, not the de-pluralised one.
                var text = prefixWord ? body.Substring(tokens[k].Start, tokens[k].Length).ToLowerInvariant() : tokens[k].Text;
                words.Add(new Word(text, prefixWord, IsGap: false));
            }
        }

        return [.. words];
    }

    private readonly record struct Word(string Text, bool IsPrefix, bool IsGap)
    {
        public bool Matches(string token) =>
            IsPrefix ? token.StartsWith(Text, StringComparison.Ordinal) : string.Equals(token, Text, StringComparison.Ordinal);
    }

    private sealed record Pattern(string Facet, string Term, Word[] Words)
    {
        public bool HasGap { get; } = Words.Any(w => w.IsGap);

        public int WordCount { get; } = Words.Count(w => !w.IsGap);
    }
}
