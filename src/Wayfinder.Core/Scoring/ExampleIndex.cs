using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Wayfinder.Text;

namespace Wayfinder.Scoring;

/// <summary>A labelled question the model learns from: its destinations and its content words.</summary>
/// <param name="Labels">Indices into the <see cref="DestinationSet"/>: every accepted first destination.</param>
/// <param name="Words">Its content words (<see cref="ContentWords"/>), repeated as often as they occur.</param>
internal sealed record Example(ImmutableArray<int> Labels, ImmutableArray<string> Words);

/// <summary>
/// Example-based routing over a pack's labelled questions: TF-IDF vectors
/// (sublinear term frequency, cosine similarity), with two readings for each
/// destination: how much of the question's nearest examples lead there
/// (<see cref="Neighbours"/>), and how close the question is to the centroid
/// of that destination's examples (<see cref="Centroids"/>). Built once per
/// model; read-only afterwards, so any number of threads may score with it.
/// </summary>
internal sealed class ExampleIndex
{
    /// <summary>How many nearest examples vote.</summary>
    public const int Neighbours = 5;

    /// <summary>The cosine at which an example counts as the question itself.</summary>
    public const double Identical = 0.9999;

    private readonly int _destinations;
    private readonly FrozenDictionary<string, double> _idf;
    private readonly FrozenDictionary<string, (int Example, double Weight)[]> _postings;

    // Per word, the (unnormalised) sum over each destination's examples of
    // their weight for it; with the sums' squared norms, a centroid's cosine
    // is read off, and one example can be left out exactly when fitting.
    private readonly FrozenDictionary<string, double[]> _sums;
    private readonly double[] _sumNorms;

    // Per example, its dot product with each of its labels' sums.
    private readonly double[][] _selfDot;

    // Naive Bayes: per word, how often each destination's examples use it
    // (an example's count shared among its labels), and each destination's total.
    private readonly FrozenDictionary<string, double[]> _counts;
    private readonly double[] _totals;

    /// <summary>Additive smoothing of the word counts.</summary>
    public const double Smoothing = 0.5;

    public ExampleIndex(int destinations, ImmutableArray<Example> examples)
    {
        _destinations = destinations;
        Examples = examples;
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var word in example.Words.Distinct(StringComparer.Ordinal))
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }

        var n = Math.Max(1, examples.Length);
        _idf = df.ToFrozenDictionary(p => p.Key, p => Math.Log(1 + ((double)n / p.Value)), StringComparer.Ordinal);

        var vectors = new List<(string Word, double Weight)[]>(examples.Length);
        var postings = new Dictionary<string, List<(int, double)>>(StringComparer.Ordinal);
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var e = 0; e < examples.Length; e++)
        {
            var vector = Vector(examples[e].Words);
            vectors.Add(vector);
            var share = 1.0 / Math.Max(1, examples[e].Labels.Length);
            foreach (var (word, weight) in vector)
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }

                list.Add((e, weight));
                if (!sums.TryGetValue(word, out var sum))
                {
                    sums[word] = sum = new double[destinations];
                }

                foreach (var label in examples[e].Labels)
                {
                    sum[label] += share * weight;
                }
            }
        }

        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        var counts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        _totals = new double[destinations];
        foreach (var example in examples)
        {
            var share = 1.0 / Math.Max(1, example.Labels.Length);
            foreach (var word in example.Words)
            {
                if (!counts.TryGetValue(word, out var c))
                {
                    counts[word] = c = new double[destinations];
                }

                foreach (var label in example.Labels)
                {
                    c[label] += share;
                    _totals[label] += share;
                }
            }
        }

        _counts = counts.ToFrozenDictionary(StringComparer.Ordinal);
        _sumNorms = new double[destinations];
        foreach (var word in sums.Keys.Order(StringComparer.Ordinal))
        {
            var sum = sums[word];
            for (var d = 0; d < destinations; d++)
            {
                _sumNorms[d] += sum[d] * sum[d];
            }
        }

        _sums = sums.ToFrozenDictionary(StringComparer.Ordinal);
        _selfDot = new double[examples.Length][];
        for (var e = 0; e < examples.Length; e++)
        {
            var dots = new double[examples[e].Labels.Length];
            for (var k = 0; k < dots.Length; k++)
            {
                foreach (var (word, weight) in vectors[e])
                {
                    dots[k] += weight * _sums[word][examples[e].Labels[k]];
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

            if (!seen && _idf.TryGetValue(words[i], out var idf))
            {
                total += idf;
            }
        }

        return total;
    }

    /// <summary>
    /// Writes, for each destination, the similarity-weighted share of the
    /// question's <see cref="Neighbours"/> nearest examples that lead there, and
    /// its cosine with the destination's centroid. <paramref name="leaveOut"/>
    /// is an example to leave out of the neighbours, centroids and word counts
    /// (the word weights still count it); without one, an example identical
    /// to the question is left out.
    /// </summary>
    public void Score(IReadOnlyList<string> words, Span<double> neighbours, Span<double> centroids, Span<double> bayes, int leaveOut = -1)
    {
        neighbours.Clear();
        centroids.Clear();
        bayes.Clear();
        var query = Vector(words);
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

                var sum = _sums[word];
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
            Bayes(words, bayes, leaveOut);
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
    private void Bayes(IReadOnlyList<string> words, Span<double> bayes, int leaveOut)
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

        var vocabulary = _counts.Count;
        var any = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (!_counts.TryGetValue(words[i], out var counts))
            {
                continue;
            }

            var own = 0;
            if (left is not null)
            {
                foreach (var w in left.Words)
                {
                    own += w == words[i] ? 1 : 0;
                }
            }

            any = true;
            for (var d = 0; d < n; d++)
            {
                var count = counts[d] - (own > 0 && left!.Labels.Contains(d) ? share * own : 0);
                bayes[d] += Math.Log((Math.Max(0, count) + Smoothing) / (Math.Max(0, totals[d]) + (Smoothing * vocabulary)));
            }
        }

        if (!any)
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

    /// <summary>The unit TF-IDF vector of some words, over the words the index knows, in first-seen order.</summary>
    private (string Word, double Weight)[] Vector(IReadOnlyList<string> words)
    {
        // Few words: counted in place, without a dictionary.
        var distinct = 0;
        Span<int> counts = words.Count <= 256 ? stackalloc int[words.Count] : new int[words.Count];
        Span<int> first = words.Count <= 256 ? stackalloc int[words.Count] : new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (!_idf.ContainsKey(words[i]))
            {
                continue;
            }

            var at = -1;
            for (var k = 0; k < distinct && at < 0; k++)
            {
                at = words[first[k]] == words[i] ? k : -1;
            }

            if (at < 0)
            {
                first[distinct] = i;
                counts[distinct++] = 1;
            }
            else
            {
                counts[at]++;
            }
        }

        var vector = new (string, double)[distinct];
        var norm = 0.0;
        for (var k = 0; k < distinct; k++)
        {
            var word = words[first[k]];
            var weight = (1 + Math.Log(counts[k])) * _idf[word];
            vector[k] = (word, weight);
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
