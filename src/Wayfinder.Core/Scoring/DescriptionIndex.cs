using Wayfinder.Retrieval;
using Wayfinder.Text;

namespace Wayfinder.Scoring;

/// <summary>
/// How well a question matches what the pack says about each destination (its
/// summary, concern, the terms of the signals that lead there; for a sister
/// pack what it owns and its sheets): BM25 over the passages of
/// <see cref="SheetCorpus.FromPack"/>, a destination scoring as its best
/// passage, then divided by the best destination's score, so that the
/// feature reads "how close to the best match" on every pack alike.
/// </summary>
internal sealed class DescriptionIndex
{
    private readonly int[] _destinationOf;
    private readonly double[] _norms;
    private readonly Dictionary<string, (int Passage, int Count)[]> _postings;
    private readonly int _passages;

    public DescriptionIndex(DestinationSet destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var corpus = SheetCorpus.FromPack(destinations.Pack);
        var passages = corpus.Passages;
        _passages = passages.Length;
        _destinationOf = new int[_passages];
        var lengths = new int[_passages];
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        for (var i = 0; i < _passages; i++)
        {
            var p = passages[i];
            _destinationOf[i] = destinations.IndexOfGold(p.Sheet is null || p.Pack != destinations.Pack.Id ? $"{p.Pack}/*" : p.Destination);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in ContentWords.Of(p.Text))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                lengths[i]++;
            }

            foreach (var (word, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }

                list.Add((i, count));
            }
        }

        var average = lengths.Length == 0 ? 1 : Math.Max(1, lengths.Average());
        _norms = lengths.Select(l => Bm25Matcher.K1 * (1 - Bm25Matcher.B + (Bm25Matcher.B * l / average))).ToArray();
        _postings = new Dictionary<string, (int, int)[]>(postings.Count, StringComparer.Ordinal);
        foreach (var (word, list) in postings)
        {
            _postings[word] = [.. list];
        }

    }

    /// <summary>Writes each destination's best passage score over the best destination's (0 to 1).</summary>
    public void Score(IReadOnlyList<string> words, Span<double> scores)
    {
        scores.Clear();
        Span<double> passages = _passages <= 256 ? stackalloc double[_passages] : new double[_passages];
        passages.Clear();
        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            if (!_postings.TryGetValue(word, out var list) || Seen(words, w))
            {
                continue;
            }

            var idf = Math.Log(1 + ((_passages - list.Length + 0.5) / (list.Length + 0.5)));
            foreach (var (passage, count) in list)
            {
                passages[passage] += idf * count * (Bm25Matcher.K1 + 1) / (count + _norms[passage]);
            }
        }

        var best = 0.0;
        for (var p = 0; p < _passages; p++)
        {
            var d = _destinationOf[p];
            if (d >= 0 && passages[p] > scores[d])
            {
                scores[d] = passages[p];
                best = Math.Max(best, passages[p]);
            }
        }

        if (best > 0)
        {
            for (var d = 0; d < scores.Length; d++)
            {
                scores[d] /= best;
            }
        }
    }

    private static bool Seen(IReadOnlyList<string> words, int at)
    {
        for (var i = 0; i < at; i++)
        {
            if (words[i] == words[at])
            {
                return true;
            }
        }

        return false;
    }
}
