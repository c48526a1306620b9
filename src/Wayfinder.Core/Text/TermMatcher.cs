using System.Runtime.InteropServices;

namespace Wayfinder.Text;

/// <summary>A term of a facet found in a question.</summary>
internal readonly record struct TermHit(string Facet, string Term, int FirstToken, int TokenCount, int Start, int Length)
{
    /// <summary>The term has a <c>~</c> gap that skipped words: those words stay free for other terms.</summary>
    public bool Loose { get; init; }

    /// <summary>The weight the term was given (a lexicon's 1 to 3; 0 for facet terms).</summary>
    public int Weight { get; init; }
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

    // Plain dictionaries, not frozen ones: freezing some 1,700 keys costs more
    // at start-up (a collection, in a native start) than its faster lookups
    // save over the few words of a question.
    private readonly Dictionary<string, Pattern[]> _byFirstWord;
    private readonly Dictionary<char, Pattern[]> _prefixFirst;
    private readonly int _longest;

    public TermMatcher(IEnumerable<(string Facet, string Term)> terms)
        : this(terms?.Select(t => (t.Facet, t.Term, 0))!)
    {
    }

    /// <summary>A matcher whose hits carry each term's weight.</summary>
    public TermMatcher(IEnumerable<(string Facet, string Term, int Weight)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);

        // Everything is sized once, in two passes over the compiled terms: on a
        // cold start, growing lists and dictionaries shows.
        var count = terms.TryGetNonEnumeratedCount(out var n) ? n : 0;
        var compiler = new TermCompiler(count);
        var indexed = new List<Pattern>(count);
        var exactCounts = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var prefixCounts = new Dictionary<char, int>();
        foreach (var (facet, term, weight) in terms)
        {
            var words = compiler.Compile(term);
            if (words.Length == 0)
            {
                continue;
            }

            var pattern = new Pattern(facet, term, words, weight);
            _longest = Math.Max(_longest, words.Length + ((words.Length - pattern.WordCount) * MaxGap));
            if (words[0].IsGap || words[^1].IsGap)
            {
                continue; // a gap needs words on both sides
            }

            indexed.Add(pattern);
            if (words[0].IsPrefix)
            {
                // Prefix terms are indexed by their first character.
                CollectionsMarshal.GetValueRefOrAddDefault(prefixCounts, words[0].Text[0], out _)++;
            }
            else
            {
                CollectionsMarshal.GetValueRefOrAddDefault(exactCounts, words[0].Text, out _)++;
            }
        }

        _byFirstWord = new Dictionary<string, Pattern[]>(exactCounts.Count, StringComparer.Ordinal);
        foreach (var (word, total) in exactCounts)
        {
            _byFirstWord[word] = new Pattern[total];
        }

        _prefixFirst = new Dictionary<char, Pattern[]>(prefixCounts.Count);
        foreach (var (first, total) in prefixCounts)
        {
            _prefixFirst[first] = new Pattern[total];
        }

        // Each list keeps the order the terms were given in; the counts count down as it fills.
        foreach (var pattern in indexed)
        {
            var first = pattern.Words[0];
            if (first.IsPrefix)
            {
                var list = _prefixFirst[first.Text[0]];
                list[list.Length - CollectionsMarshal.GetValueRefOrNullRef(prefixCounts, first.Text[0])--] = pattern;
            }
            else
            {
                var list = _byFirstWord[first.Text];
                list[list.Length - CollectionsMarshal.GetValueRefOrNullRef(exactCounts, first.Text)--] = pattern;
            }
        }
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
        hits.Add(new TermHit(p.Facet, p.Term, at, end - at, first.Start, last.Start + last.Length - first.Start) { Loose = p.HasGap && end - at > p.WordCount, Weight = p.Weight });
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

    /// <summary>
    /// Turns terms into words: whitespace separates a term's parts, a part
    /// <c>~</c> is a gap, a part ending in <c>*</c> makes its last word a
    /// prefix, and each part splits into words as questions do
    /// (<see cref="TextNormalizer"/>). Words are shared between terms, so
    /// compiling some 3,000 terms allocates little more than the patterns.
    /// </summary>
    private sealed class TermCompiler
    {
        private readonly List<Word> _words = new(8);
        private readonly Dictionary<string, string> _texts;
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _textsBySpan;

        public TermCompiler(int terms)
        {
            _texts = new Dictionary<string, string>(terms, StringComparer.Ordinal);
            _textsBySpan = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Word[] Compile(string term)
        {
            _words.Clear();
            var at = 0;
            while (at < term.Length)
            {
                if (char.IsWhiteSpace(term[at]))
                {
                    at++;
                    continue;
                }

                var start = at;
                while (at < term.Length && !char.IsWhiteSpace(term[at]))
                {
                    at++;
                }

                var part = term.AsSpan(start, at - start);
                if (part is "~")
                {
                    _words.Add(new Word("~", false, IsGap: true));
                }
                else
                {
                    AddWords(part);
                }
            }

            return [.. _words];
        }

        private void AddWords(ReadOnlySpan<char> part)
        {
            var isPrefix = part[^1] == '*';
            var body = isPrefix ? part[..^1] : part;
            Span<char> buffer = body.Length <= 128 ? stackalloc char[body.Length] : new char[body.Length];
            var at = 0;
            while (TextNormalizer.NextWord(body, ref at, out var start))
            {
                // A prefix is compared with the raw lower-case form, not the de-pluralised one.
                var next = at;
                var prefixWord = isPrefix && !TextNormalizer.NextWord(body, ref next, out _);
                var length = prefixWord ? body[start..at].ToLowerInvariant(buffer) : TextNormalizer.Normalize(body[start..at], buffer);
                _words.Add(new Word(Shared(buffer[..length]), prefixWord, IsGap: false));
            }
        }

        private string Shared(ReadOnlySpan<char> text)
        {
            if (!_textsBySpan.TryGetValue(text, out var shared))
            {
                shared = text.ToString();
                _texts[shared] = shared;
            }

            return shared;
        }
    }

    private readonly record struct Word(string Text, bool IsPrefix, bool IsGap)
    {
        public bool Matches(string token) =>
            IsPrefix ? token.StartsWith(Text, StringComparison.Ordinal) : string.Equals(token, Text, StringComparison.Ordinal);
    }

    private sealed record Pattern(string Facet, string Term, Word[] Words, int Weight)
    {
        public int WordCount { get; } = CountWords(Words);

        public bool HasGap => WordCount < Words.Length;

        private static int CountWords(Word[] words)
        {
            var count = 0;
            foreach (var w in words)
            {
                count += w.IsGap ? 0 : 1;
            }

            return count;
        }
    }
}
