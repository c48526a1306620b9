using System.Collections.Frozen;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Text;

namespace Wayfinder.Retrieval;

/// <summary>
/// Okapi BM25 (k1 = 1.2, b = 0.75) over the passages of a <see cref="SheetCorpus"/>,
/// with the router's own word normalisation and an English stop-word list.
/// A destination scores as its best passage. Built once; read-only afterwards.
/// </summary>
internal sealed class Bm25Matcher : IQuestionMatcher
{
    /// <summary>Term-frequency saturation.</summary>
    public const double K1 = 1.2;

    /// <summary>Length normalisation.</summary>
    public const double B = 0.75;

    private readonly RoutingPack? _pack;
    private readonly SheetPassage[] _passages;
    private readonly int[] _lengths;
    private readonly double _averageLength;
    private readonly FrozenDictionary<string, (int Passage, int Count)[]> _postings;

    /// <param name="corpus">The passages to search.</param>
    /// <param name="pack">The routing pack decisions are made for; null when the index only ranks.</param>
    public Bm25Matcher(SheetCorpus corpus, RoutingPack? pack)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        _pack = pack;
        _passages = [.. corpus.Passages];
        _lengths = new int[_passages.Length];
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        for (var i = 0; i < _passages.Length; i++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in Words(_passages[i].Text))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                _lengths[i]++;
            }

            foreach (var (word, count) in counts)
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }

                list.Add((i, count));
            }
        }

        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        OneWord = Math.Log(1 + ((_passages.Length - 1 + 0.5) / 1.5));
        _postings = postings.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public string Name => "bm25";

    /// <summary>
    /// The inverse document frequency of a word found in a single passage: about
    /// what one such word adds to a score, the unit for "too little in common".
    /// </summary>
    public double OneWord { get; }

    public Decision Match(string question)
    {
        QuestionGuard.ThrowIfInvalid(question);
        return RankedDecision.From(Name, Rank(question), _pack ?? throw new InvalidOperationException("this index only ranks"));
    }

    /// <summary>Destinations by their best passage's BM25 score, best first; ties by destination name.</summary>
    public IReadOnlyList<RankedDestination> Rank(string question)
    {
        var scores = new Dictionary<int, double>();
        var n = _passages.Length;
        foreach (var word in Words(question).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(word, out var list))
            {
                continue;
            }

            var idf = Math.Log(1 + ((n - list.Length + 0.5) / (list.Length + 0.5)));
            foreach (var (passage, count) in list)
            {
                var norm = K1 * (1 - B + (B * _lengths[passage] / _averageLength));
                scores[passage] = scores.GetValueOrDefault(passage) + (idf * count * (K1 + 1) / (count + norm));
            }
        }

        return RankedDestination.Best(scores.Select(s => (_passages[s.Key], s.Value)));
    }

    private static IEnumerable<string> Words(string text) => ContentWords.Of(text);
}
