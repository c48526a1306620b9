using System.Collections.Frozen;
using Wayfinder.Text;

namespace Wayfinder.Marketplace;

/// <summary>
/// The words of every document of a marketplace, numbered once, so that every
/// index over its packs reads a question's words as the same numbers. Text
/// is read a word at a time without a string per word: a string is made only
/// for a word not seen before.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>Words longer than this are not words (hashes, base64, URLs run together) and are skipped.</summary>
    public const int MaxWordLength = 64;

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Stop = ContentWords.StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _words;

    public Vocabulary()
        : this(0)
    {
    }

    private Vocabulary(int capacity)
    {
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _words = new List<string>(capacity);
    }

    /// <summary>How many words are numbered.</summary>
    public int Count => _sorted?.Length ?? _words.Count;

    /// <summary>The word of an id.</summary>
    public string WordOf(int id) => _sorted is { } sorted ? sorted[id] : _words[id];

    /// <summary>
    /// A vocabulary read back from its words, id by id, which must be in
    /// ordinal order (as <see cref="Sorted"/> numbers them): its words are
    /// then found by binary search, with no table to build. A word out of
    /// order is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static Vocabulary From(string[] words)
    {
        for (var i = 1; i < words.Length; i++)
        {
            if (string.CompareOrdinal(words[i - 1], words[i]) >= 0)
            {
                throw new InvalidDataException($"the words '{words[i - 1]}' and '{words[i]}' are out of order");
            }
        }

        return new Vocabulary(words);
    }

    /// <summary>A vocabulary that numbers <paramref name="words"/> in the order given (a pack's own, read back); a word given twice is an <see cref="InvalidDataException"/>.</summary>
    public static Vocabulary Numbered(IReadOnlyList<string> words)
    {
        var vocabulary = new Vocabulary(words.Count);
        foreach (var word in words)
        {
            if (!vocabulary._ids.TryAdd(word, vocabulary._words.Count))
            {
                throw new InvalidDataException($"the word '{word}' is numbered twice");
            }

            vocabulary._words.Add(word);
        }

        return vocabulary;
    }

    private Vocabulary(string[] sorted)
        : this(0)
    {
        _sorted = sorted;
    }

    private readonly string[]? _sorted;

    /// <summary>
    /// This vocabulary's words renumbered in ordinal order: the map from each
    /// old id to its new one, and the vocabulary that numbers them so.
    /// </summary>
    public (int[] Map, Vocabulary Sorted) Sorted()
    {
        var order = Enumerable.Range(0, _words.Count).Order(Comparer<int>.Create((a, b) => string.CompareOrdinal(_words[a], _words[b]))).ToArray();
        var map = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            map[order[i]] = i;
        }

        return (map, new Vocabulary([.. order.Select(i => _words[i])]));
    }

    /// <summary>Appends the ids of a text's content words to <paramref name="words"/>, numbering new ones.</summary>
    public void Add(ReadOnlySpan<char> text, List<int> words) => Read(text, words, add: true, distinct: false);

    /// <summary>The distinct ids of a question's content words that some document holds, in the order they first occur.</summary>
    public int[] Find(string text)
    {
        var words = new List<int>();
        Read(text, words, add: false, distinct: true);
        return [.. words];
    }

    /// <summary>The id of a word, numbering it if new.</summary>
    public int Number(string word) => IdOf(word, add: true);

    /// <summary>
    /// How much each of <paramref name="ids"/> weighs in a question: a word of
    /// its first line weighs <paramref name="title"/> when more lines follow
    /// (an issue's title says what it is about; its body tells the story).
    /// </summary>
    public double[] Weights(string text, int[] ids, double title)
    {
        var weights = new double[ids.Length];
        Array.Fill(weights, 1.0);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || title == 1 || string.IsNullOrWhiteSpace(text[(newline + 1)..]))
        {
            return weights;
        }

        var first = Find(text[..newline]);
        for (var i = 0; i < ids.Length; i++)
        {
            if (Array.IndexOf(first, ids[i]) >= 0)
            {
                weights[i] = title;
            }
        }

        return weights;
    }

    private void Read(ReadOnlySpan<char> text, List<int> words, bool add, bool distinct)
    {
        Span<char> buffer = stackalloc char[MaxWordLength];
        var at = 0;
        while (TextNormalizer.NextWord(text, ref at, out var start))
        {
            if (at - start > MaxWordLength)
            {
                continue;
            }

            var word = buffer[..TextNormalizer.Normalize(text[start..at], buffer)];
            if (word.Length <= 1 || Stop.Contains(word))
            {
                continue;
            }

            var id = IdOf(word, add);
            if (id >= 0 && (!distinct || !words.Contains(id)))
            {
                words.Add(id);
            }
        }
    }

    private int IdOf(ReadOnlySpan<char> word, bool add)
    {
        if (_sorted is { } sorted)
        {
            if (add)
            {
                throw new InvalidOperationException("a vocabulary read back numbers no new words");
            }

            var (low, high) = (0, sorted.Length - 1);
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var order = word.SequenceCompareTo(sorted[middle]);
                if (order == 0)
                {
                    return middle;
                }

                (low, high) = order < 0 ? (low, middle - 1) : (middle + 1, high);
            }

            return -1;
        }

        if (_lookup.TryGetValue(word, out var id))
        {
            return id;
        }

        if (!add)
        {
            return -1;
        }

        id = _words.Count;
        var text = word.ToString();
        _ids.Add(text, id);
        _words.Add(text);
        return id;
    }
}

/// <summary>
/// Okapi BM25 over a fixed set of documents whose words are numbered by one
/// <see cref="Vocabulary"/>. Each word's postings (document, BM25 term
/// weight) lie in one flat array, so the index is written and read as three
/// arrays. Immutable once built; safe across threads.
/// </summary>
internal sealed class Bm25Index
{
    public const double K1 = 1.2;
    /// <summary>The textbook length normalisation, which the baselines of <c>wayfinder eval</c> use.</summary>
    public const double StandardB = 0.75;

    /// <summary>
    /// The router's length normalisation: a long sheet is discounted a little
    /// more than the textbook's (set on the train and dev splits of both
    /// corpora: right pack across the marketplace +3.7 and +2.3 points).
    /// </summary>
    public const double RouterB = 0.9;

    private readonly ReadOnlyMemory<int> _offsets;
    private readonly ReadOnlyMemory<int> _documents;
    private readonly ReadOnlyMemory<float> _weights;
    private readonly double[] _idf;

    public Bm25Index(IReadOnlyList<List<int>> documents, int vocabularySize, double b = RouterB)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Count = documents.Count;
        var average = documents.Count == 0 ? 1.0 : Math.Max(1.0, documents.Average(d => d.Count));

        // Counted with one array over the vocabulary and the list of words each document touched.
        var counts = new int[vocabularySize];
        var touched = new List<int>();
        var lengths = new int[vocabularySize + 1];
        foreach (var document in documents)
        {
            foreach (var id in document)
            {
                if (counts[id]++ == 0)
                {
                    touched.Add(id);
                    lengths[id + 1]++;
                }
            }

            foreach (var id in touched)
            {
                counts[id] = 0;
            }

            touched.Clear();
        }

        var offsets = new int[vocabularySize + 1];
        for (var id = 0; id < vocabularySize; id++)
        {
            offsets[id + 1] = offsets[id] + lengths[id + 1];
        }

        var postings = new int[offsets[vocabularySize]];
        var weights = new float[offsets[vocabularySize]];
        var next = offsets[..vocabularySize];
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var id in documents[d])
            {
                if (counts[id]++ == 0)
                {
                    touched.Add(id);
                }
            }

            var norm = K1 * (1 - b + (b * documents[d].Count / average));
            foreach (var id in touched)
            {
                var count = counts[id];
                var at = next[id]++;
                postings[at] = d;
                weights[at] = (float)(count * (K1 + 1) / (count + norm));
                counts[id] = 0;
            }

            touched.Clear();
        }

        (_offsets, _documents, _weights) = (offsets, postings, weights);
        _idf = Idfs(offsets, Count);
    }

    private Bm25Index(int count, ReadOnlyMemory<int> offsets, ReadOnlyMemory<int> documents, ReadOnlyMemory<float> weights)
    {
        Count = count;
        _offsets = offsets;
        _documents = documents;
        _weights = weights;
        _idf = Idfs(offsets.Span, count);
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
            if (word < 0 || word >= _idf.Length)
            {
                continue;
            }

            var idf = _idf[word] * (weights.IsEmpty ? 1 : weights[i]);
            var offsets = _offsets.Span;
            var (from, to) = (offsets[word], offsets[word + 1]);
            var documents = _documents.Span[from..to];
            var termWeights = _weights.Span[from..to];
            for (var at = 0; at < documents.Length; at++)
            {
                // A posting is checked against the documents, not trusted: an index read in place from a
                // file is not read through whole first.
                if ((uint)documents[at] < (uint)scores.Length)
                {
                    scores[documents[at]] += idf * termWeights[at];
                }
            }
        }
    }

    /// <summary>Writes the index: its document count and its three arrays.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        CacheFormat.Write(writer, _offsets.ToArray());
        CacheFormat.Write(writer, _documents.ToArray());
        CacheFormat.Write(writer, _weights.ToArray());
    }

    /// <summary>
    /// Reads an index <see cref="Write"/> wrote, in place from
    /// <paramref name="file"/> when it is given (else copied); a malformed one
    /// is an <see cref="InvalidDataException"/>. The offsets are checked
    /// whole; each posting is checked when it is scored.
    /// </summary>
    public static Bm25Index Read(BinaryReader reader, MappedFile? file = null)
    {
        var count = reader.ReadInt32();
        ReadOnlyMemory<int> offsets = file is null ? CacheFormat.ReadInts(reader) : CacheFormat.Map<int>(reader, file);
        ReadOnlyMemory<int> documents = file is null ? CacheFormat.ReadInts(reader) : CacheFormat.Map<int>(reader, file);
        ReadOnlyMemory<float> weights = file is null ? CacheFormat.ReadFloats(reader) : CacheFormat.Map<float>(reader, file);
        var o = offsets.Span;
        if (count < 0 || o.Length == 0 || o[0] != 0 || o[^1] != documents.Length || weights.Length != documents.Length)
        {
            throw new InvalidDataException("a BM25 index whose arrays do not agree");
        }

        for (var i = 1; i < o.Length; i++)
        {
            if (o[i] < o[i - 1])
            {
                throw new InvalidDataException("a BM25 index whose offsets go backwards");
            }
        }

        return new Bm25Index(count, offsets, documents, weights);
    }

    private static double[] Idfs(ReadOnlySpan<int> offsets, int count)
    {
        var idf = new double[offsets.Length - 1];
        for (var id = 0; id < idf.Length; id++)
        {
            var n = offsets[id + 1] - offsets[id];
            idf[id] = n == 0 ? 0 : Math.Log(1 + ((count - n + 0.5) / (n + 0.5)));
        }

        return idf;
    }
}
