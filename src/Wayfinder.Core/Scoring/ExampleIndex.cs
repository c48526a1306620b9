using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Wayfinder.Text;

namespace Wayfinder.Scoring;

/// <summary>A labelled question the model learns from: its destinations and its content words.</summary>
/// <param name="Labels">Indices into the <see cref="DestinationSet"/>: every accepted first destination.</param>
/// <param name="Words">Its content words (<see cref="ContentWords"/>), repeated as often as they occur.</param>
internal sealed record Example(ImmutableArray<int> Labels, ImmutableArray<string> Words);

/// <summary>
/// Example-based routing over a pack's labelled questions: TF-IDF vectors
/// (sublinear term frequency, cosine similarity), with three readings for
/// each destination: how much of the question's nearest examples lead there
/// (<see cref="Neighbours"/>), how close the question is to the centroid of
/// that destination's examples, and its naive Bayes posterior. Built once per
/// model; read-only afterwards, so any number of threads may score with it.
/// </summary>
/// <remarks>
/// Words are numbered once, as the index is built: everything after that is
/// arrays indexed by word and destination, because a command that routes one
/// question pays for building the index (some 30,000 word occurrences for the
/// built-in pack) on every start.
/// </remarks>
internal sealed class ExampleIndex
{
    /// <summary>How many nearest examples vote.</summary>
    public const int Neighbours = 5;

    /// <summary>The cosine at which an example counts as the question itself.</summary>
    public const double Identical = 0.9999;

    /// <summary>Additive smoothing of the word counts.</summary>
    public const double Smoothing = 0.5;

    private readonly int _destinations;

    // Each distinct word's number, and by number its inverse document frequency.
    private readonly Dictionary<string, int> _ids;
    private readonly double[] _idf;

    // Per word, the examples that hold it with its weight in their unit vectors.
    private readonly (int Example, double Weight)[][] _postings;

    // Per example, its unit vector (word numbers and weights).
    private readonly (int Word, double Weight)[][] _vectors;

    // Per word and destination (word * destinations + d), the unnormalised sum
    // of its weight over that destination's examples; with the sums' squared
    // norms, a centroid's cosine is read off, and one example can be left out
    // exactly.
    private readonly double[] _sums;
    private readonly double[] _sumNorms;

    // Per example, its dot product with each of its labels' sums.
    private readonly double[][] _selfDot;

    // Naive Bayes: per word and destination, how often that destination's
    // examples use it (an example's count shared among its labels), and each
    // destination's total.
    private readonly double[] _counts;
    private readonly double[] _totals;

    public ExampleIndex(int destinations, ImmutableArray<Example> examples)
    {
        _destinations = destinations;
        Examples = examples;

        // Number the words, and count each example once per word.
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new int[examples.Length][];
        var df = new List<int>();
        var last = new List<int>();
        for (var e = 0; e < examples.Length; e++)
        {
            var words = examples[e].Words.AsSpan();
            var ids = occurrences[e] = new int[words.Length];
            for (var i = 0; i < words.Length; i++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, words[i], out var known);
                if (!known)
                {
                    id = df.Count;
                    df.Add(0);
                    last.Add(-1);
                }

                ids[i] = id;
                if (last[id] != e)
                {
                    last[id] = e;
                    df[id]++;
                }
            }
        }

        var vocabulary = df.Count;
        var n = Math.Max(1, examples.Length);
        _idf = new double[vocabulary];
        for (var w = 0; w < vocabulary; w++)
        {
            _idf[w] = Math.Log(1 + ((double)n / df[w]));
        }

        _vectors = new (int, double)[examples.Length][];

        // A word's postings are as many as the examples that hold it: sized once.
        _postings = new (int, double)[vocabulary][];
        for (var w = 0; w < vocabulary; w++)
        {
            _postings[w] = new (int, double)[df[w]];
        }

        var filled = new int[vocabulary];
        _sums = new double[vocabulary * destinations];
        _counts = new double[vocabulary * destinations];
        _totals = new double[destinations];
        for (var e = 0; e < examples.Length; e++)
        {
            var vector = _vectors[e] = Vector(occurrences[e]);
            var labels = examples[e].Labels;
            var share = 1.0 / Math.Max(1, labels.Length);
            foreach (var (word, weight) in vector)
            {
                _postings[word][filled[word]++] = (e, weight);
                foreach (var label in labels)
                {
                    _sums[(word * destinations) + label] += share * weight;
                }
            }

            foreach (var word in occurrences[e])
            {
                foreach (var label in labels)
                {
                    _counts[(word * destinations) + label] += share;
                    _totals[label] += share;
                }
            }
        }

        // Summed in the words' ordinal order, so the norms are the same bits
        // however the examples happen to be ordered.
        var byWord = new string[vocabulary];
        foreach (var (word, id) in _ids)
        {
            byWord[id] = word;
        }

        var order = new int[vocabulary];
        for (var w = 0; w < vocabulary; w++)
        {
            order[w] = w;
        }

        Array.Sort(byWord, order, StringComparer.Ordinal);
        _sumNorms = new double[destinations];
        foreach (var w in order)
        {
            for (var d = 0; d < destinations; d++)
            {
                var sum = _sums[(w * destinations) + d];
                _sumNorms[d] += sum * sum;
            }
        }

        _selfDot = new double[examples.Length][];
        for (var e = 0; e < examples.Length; e++)
        {
            var labels = examples[e].Labels;
            var dots = new double[labels.Length];
            foreach (var (word, weight) in _vectors[e])
            {
                for (var k = 0; k < dots.Length; k++)
                {
                    dots[k] += weight * _sums[(word * destinations) + labels[k]];
                }
            }

            _selfDot[e] = dots;
        }
    }

    public ImmutableArray<Example> Examples { get; }

    /// <summary>
    /// How much the words say, as the examples read them: the sum of the
    /// inverse document frequencies of the distinct words any example has. A
    /// question of common words ("my model is too …") says little, one naming
    /// a runtime or a symptom says much.
    /// </summary>
    public double Information(IReadOnlyList<string> words)
    {
        var total = 0.0;
        for (var i = 0; i < words.Count; i++)
        {
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = words[j] == words[i];
            }

            if (!seen && _ids.TryGetValue(words[i], out var id))
            {
                total += _idf[id];
            }
        }

        return total;
    }

    /// <summary>
    /// Writes, for each destination, the similarity-weighted share of the
    /// question's <see cref="Neighbours"/> nearest examples that lead there,
    /// its cosine with the destination's centroid and its naive Bayes
    /// posterior. <paramref name="leaveOut"/> is an example to leave out of
    /// the neighbours, centroids and word counts (the word weights still count
    /// it); without one, an example identical to the question is left out.
    /// </summary>
    public void Score(ReadOnlySpan<string> words, Span<double> neighbours, Span<double> centroids, Span<double> bayes, int leaveOut = -1)
    {
        neighbours.Clear();
        centroids.Clear();
        bayes.Clear();

        // The question's words the index knows, by number.
        Span<int> ids = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        var known = 0;
        foreach (var word in words)
        {
            if (_ids.TryGetValue(word, out var id))
            {
                ids[known++] = id;
            }
        }

        ids = ids[..known];
        var query = Vector(ids);
        if (query.Length == 0 || Examples.Length == 0)
        {
            return;
        }

        var similarities = ArrayPool<double>.Shared.Rent(Examples.Length);
        try
        {
            var sims = similarities.AsSpan(0, Examples.Length);
            sims.Clear();
            Span<double> dots = stackalloc double[_destinations];
            dots.Clear();
            foreach (var (word, weight) in query)
            {
                foreach (var (example, w) in _postings[word])
                {
                    sims[example] += weight * w;
                }

                var sum = _sums.AsSpan(word * _destinations, _destinations);
                for (var d = 0; d < _destinations; d++)
                {
                    dots[d] += weight * sum[d];
                }
            }

            if (leaveOut < 0)
            {
                // An example with the question's very words is the question
                // itself: the weights were fitted on questions read without
                // their own examples, so it is left out of the neighbours,
                // the centroids and the word counts here too (the word
                // weights, its inverse document frequencies, still count it).
                for (var e = 0; e < sims.Length && leaveOut < 0; e++)
                {
                    leaveOut = sims[e] >= Identical ? e : -1;
                }
            }

            Centroids(dots, centroids, sims, leaveOut);
            Nearest(sims, neighbours, leaveOut);
            Bayes(ids, bayes, leaveOut);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(similarities);
        }
    }

    private void Centroids(Span<double> dots, Span<double> centroids, Span<double> sims, int leaveOut)
    {
        for (var d = 0; d < _destinations; d++)
        {
            var dot = dots[d];
            var norm = _sumNorms[d];
            if (leaveOut >= 0)
            {
                var labels = Examples[leaveOut].Labels;
                var share = 1.0 / Math.Max(1, labels.Length);
                var k = labels.IndexOf(d);
                if (k >= 0)
                {
                    // Remove the example's own share from the sum: its vector has norm 1.
                    dot -= share * sims[leaveOut];
                    norm += (share * share) - (2 * share * _selfDot[leaveOut][k]);
                }
            }

            centroids[d] = norm > 1e-12 ? Math.Max(0, dot / Math.Sqrt(norm)) : 0;
        }
    }

    /// <summary>
    /// The naive Bayes posterior of each destination given the question's
    /// known words (uniform prior: the model's priors are its own), the
    /// left-out example's words taken out of the counts.
    /// </summary>
    private void Bayes(ReadOnlySpan<int> ids, Span<double> bayes, int leaveOut)
    {
        var n = _destinations;
        Span<double> totals = stackalloc double[n];
        _totals.CopyTo(totals);
        var left = leaveOut >= 0 ? Examples[leaveOut] : null;
        var share = left is null ? 0 : 1.0 / Math.Max(1, left.Labels.Length);
        if (left is not null)
        {
            foreach (var label in left.Labels)
            {
                totals[label] -= share * left.Words.Length;
            }
        }

        var vocabulary = _idf.Length;
        foreach (var id in ids)
        {
            var own = 0;
            if (left is not null)
            {
                foreach (var word in left.Words)
                {
                    own += _ids.TryGetValue(word, out var w) && w == id ? 1 : 0;
                }
            }

            var counts = _counts.AsSpan(id * n, n);
            for (var d = 0; d < n; d++)
            {
                var count = counts[d] - (own > 0 && left!.Labels.Contains(d) ? share * own : 0);
                bayes[d] += Math.Log((Math.Max(0, count) + Smoothing) / (Math.Max(0, totals[d]) + (Smoothing * vocabulary)));
            }
        }

        if (ids.IsEmpty)
        {
            bayes.Clear();
            return;
        }

        ModelScorer.Softmax(bayes, bayes);
    }

    private void Nearest(Span<double> sims, Span<double> neighbours, int leaveOut)
    {
        // The few best, by similarity then by index, so that ties never vary.
        Span<int> best = stackalloc int[Neighbours];
        var count = 0;
        for (var e = 0; e < sims.Length; e++)
        {
            if (e == leaveOut || sims[e] <= 0)
            {
                continue;
            }

            var at = count;
            while (at > 0 && sims[best[at - 1]] < sims[e])
            {
                at--;
            }

            if (at >= Neighbours)
            {
                continue;
            }

            for (var k = Math.Min(count, Neighbours - 1); k > at; k--)
            {
                best[k] = best[k - 1];
            }

            best[at] = e;
            count = Math.Min(Neighbours, count + 1);
        }

        for (var k = 0; k < count; k++)
        {
            var example = Examples[best[k]];
            var share = sims[best[k]] / Math.Max(1, example.Labels.Length);
            foreach (var label in example.Labels)
            {
                neighbours[label] += share;
            }
        }
    }

    /// <summary>The unit TF-IDF vector of some word numbers, in first-seen order.</summary>
    private (int Word, double Weight)[] Vector(ReadOnlySpan<int> words)
    {
        // Few words: counted in place, without a dictionary.
        var distinct = 0;
        Span<int> counts = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        Span<int> first = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            var at = -1;
            for (var k = 0; k < distinct && at < 0; k++)
            {
                at = first[k] == words[i] ? k : -1;
            }

            if (at < 0)
            {
                first[distinct] = words[i];
                counts[distinct++] = 1;
            }
            else
            {
                counts[at]++;
            }
        }

        var vector = new (int, double)[distinct];
        var norm = 0.0;
        for (var k = 0; k < distinct; k++)
        {
            var weight = (1 + Math.Log(counts[k])) * _idf[first[k]];
            vector[k] = (first[k], weight);
            norm += weight * weight;
        }

        norm = Math.Sqrt(norm);
        for (var k = 0; k < distinct; k++)
        {
            vector[k].Item2 /= norm;
        }

        return vector;
    }
}
