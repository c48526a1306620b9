using Wayfinder.Text;

namespace Wayfinder.Marketplace;

/// <summary>
/// The words of every document of a marketplace, numbered once, so that every
/// index over its packs reads a question's words as the same numbers.
/// </summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    /// <summary>The ids of a document's content words, a new id for each word not seen before.</summary>
    public List<int> Add(string text)
    {
        var ids = new List<int>();
        foreach (var word in ContentWords.Of(text))
        {
            if (!_ids.TryGetValue(word, out var id))
            {
                id = _ids.Count;
                _ids.Add(word, id);
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>The ids of a document's phrases (each two content words in a row), a new id for each phrase not seen before.</summary>
    public List<int> AddPhrases(string text)
    {
        var ids = new List<int>();
        foreach (var phrase in Phrases(text))
        {
            if (!_ids.TryGetValue(phrase, out var id))
            {
                id = _ids.Count;
                _ids.Add(phrase, id);
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>The distinct ids of a question's content words that some document holds, in the order they first occur.</summary>
    public int[] Find(string text) => Known(ContentWords.Of(text));

    /// <summary>
    /// How much each of <paramref name="ids"/> weighs in a question: a word of
    /// its first line weighs <paramref name="title"/> when more lines follow
    /// (an issue's title says what it is about; its body tells the story).
    /// </summary>
    public double[] Weights(string text, int[] ids, double title, bool phrases = false)
    {
        var weights = new double[ids.Length];
        Array.Fill(weights, 1.0);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || title == 1 || string.IsNullOrWhiteSpace(text[(newline + 1)..]))
        {
            return weights;
        }

        var first = phrases ? FindPhrases(text[..newline]) : Find(text[..newline]);
        for (var i = 0; i < ids.Length; i++)
        {
            if (Array.IndexOf(first, ids[i]) >= 0)
            {
                weights[i] = title;
            }
        }

        return weights;
    }

    /// <summary>The distinct ids of a question's phrases that some document holds, in the order they first occur.</summary>
    public int[] FindPhrases(string text) => Known(Phrases(text));

    private int[] Known(IEnumerable<string> words)
    {
        var ids = new List<int>();
        foreach (var word in words)
        {
            if (_ids.TryGetValue(word, out var id) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    /// <summary>Two content words in a row, with no stop word, punctuation or line between them: "stale reads", "random seed".</summary>
    private static IEnumerable<string> Phrases(string text)
    {
        string? previous = null;
        var previousEnd = -1;
        foreach (var token in TextNormalizer.Tokenize(text))
        {
            var content = ContentWords.IsContent(token.Text);
            if (content && previous is not null && Adjacent(text, previousEnd, token.Start))
            {
                yield return previous + " " + token.Text;
            }

            previous = content ? token.Text : null;
            previousEnd = token.Start + token.Length;
        }
    }

    /// <summary>Whether only spaces, hyphens or slashes lie between two words.</summary>
    private static bool Adjacent(string text, int end, int start)
    {
        for (var i = end; i < start; i++)
        {
            if (text[i] is not (' ' or '-' or '/' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Okapi BM25 over a fixed set of documents whose words are numbered by one
/// <see cref="Vocabulary"/>. Immutable once built; safe across threads.
/// </summary>
internal sealed class Bm25Index
{
    public const double K1 = 1.2;
    public const double B = 0.75;

    private readonly (int Document, float Weight)[][] _postings;
    private readonly double[] _idf;

    public Bm25Index(IReadOnlyList<List<int>> documents, int vocabularySize)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Count = documents.Count;
        var average = documents.Count == 0 ? 1.0 : Math.Max(1.0, documents.Average(d => d.Count));
        var lists = new List<(int, float)>?[vocabularySize];
        var counts = new Dictionary<int, int>();
        for (var d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            foreach (var id in documents[d])
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            var norm = K1 * (1 - B + (B * documents[d].Count / average));
            foreach (var (id, count) in counts.OrderBy(c => c.Key))
            {
                (lists[id] ??= []).Add((d, (float)(count * (K1 + 1) / (count + norm))));
            }
        }

        _postings = new (int, float)[vocabularySize][];
        _idf = new double[vocabularySize];
        for (var id = 0; id < vocabularySize; id++)
        {
            var list = lists[id];
            _postings[id] = list is null ? [] : [.. list];
            var n = _postings[id].Length;
            _idf[id] = n == 0 ? 0 : Math.Log(1 + ((Count - n + 0.5) / (n + 0.5)));
        }
    }

    public int Count { get; }

    /// <summary>How much one word found in one document only adds: the most a single word can weigh.</summary>
    public double Idf(int word) => word < _idf.Length ? _idf[word] : 0;

    /// <summary>Adds each document's score for <paramref name="words"/> to <paramref name="scores"/> (one per document).</summary>
    public void Score(ReadOnlySpan<int> words, Span<double> scores) => Score(words, default, scores);

    /// <summary>As <see cref="Score(ReadOnlySpan{int}, Span{double})"/>, each word weighted (none given: each weighs 1).</summary>
    public void Score(ReadOnlySpan<int> words, ReadOnlySpan<double> weights, Span<double> scores)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word >= _postings.Length)
            {
                continue;
            }

            var idf = _idf[word] * (weights.IsEmpty ? 1 : weights[i]);
            foreach (var (document, weight) in _postings[word])
            {
                scores[document] += idf * weight;
            }
        }
    }
}
