using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Wayfinder.Decisions;
using Wayfinder.Text;

namespace Wayfinder.Scoring;

/// <summary>
/// What the router's signals say about each destination, before the model
/// weighs them (one instance per question).
/// </summary>
internal sealed class ScoringInput(int destinations, int words = 0)
{
    /// <summary>The question's content words (<see cref="ContentWords"/>).</summary>
    public List<string> Words { get; } = new(words);

    /// <summary>The first destination of the route the rules and facets compose; -1 when they would ask.</summary>
    public int RouteFirst { get; set; } = -1;

    /// <summary>The other destinations of that route, in order.</summary>
    public List<int> RouteLater { get; } = [];

    /// <summary>How that route was reached (a <c>RouteBasis</c>: rule, path, composed-clear …).</summary>
    public string Basis { get; set; } = "";

    /// <summary>Destinations some answer of the clarifying question the router would ask leads to.</summary>
    public bool[] InQuestion { get; } = new bool[destinations];

    /// <summary>Per destination, how many of the pack's facet words found lead there.</summary>
    public double[] Terms { get; } = new double[destinations];

    /// <summary>Per destination, its lexicon score.</summary>
    public double[] Lexicon { get; } = new double[destinations];
}

/// <summary>
/// A <see cref="RouteModel"/> bound to its pack: scores every destination as a
/// weighted sum of features plus the destination's prior, and turns the
/// scores into probabilities (softmax). Immutable once built.
/// </summary>
internal sealed class ModelScorer
{
    public static readonly int FeatureCount = RouteModel.FeatureNames.Length;

    /// <summary>The first of the features read from the question's words (terms, lexicon, text, examples).</summary>
    public static readonly int FirstWordFeature = RouteModel.FeatureNames.IndexOf("terms");

    private readonly double[] _bias;
    private readonly ExampleIndex _examples;
    private readonly DescriptionIndex _descriptions;

    public ModelScorer(DestinationSet destinations, RouteModel model)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        ArgumentNullException.ThrowIfNull(model);
        Destinations = destinations;
        Model = model;
        _bias = new double[destinations.Count];
        for (var d = 0; d < destinations.Count; d++)
        {
            _bias[d] = model.Bias.GetValueOrDefault(destinations.Keys[d]);
        }

        // One string per distinct word, however often examples use it: a
        // command that routes one question reads every example on start.
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var examples = ImmutableArray.CreateBuilder<Example>(model.Examples.Length);
        var labels = new List<int>(4);
        var split = new List<string>(64);
        foreach (var example in model.Examples)
        {
            labels.Clear();
            foreach (var to in example.To)
            {
                if (destinations.IndexOfGold(to) is var d and >= 0 && !labels.Contains(d))
                {
                    labels.Add(d);
                }
            }

            if (labels.Count == 0)
            {
                continue;
            }

            labels.Sort();
            split.Clear();
            foreach (var range in example.Words.AsSpan().Split(' '))
            {
                var word = example.Words.AsSpan()[range];
                if (word.IsEmpty)
                {
                    continue;
                }

                if (!lookup.TryGetValue(word, out var known))
                {
                    known = word.ToString();
                    lookup[word] = known;
                }

                split.Add(known);
            }

            examples.Add(new Example([.. labels], [.. split]));
        }

        _examples = new ExampleIndex(destinations.Count, examples.ToImmutable());
        _descriptions = new DescriptionIndex(destinations);
    }

    public DestinationSet Destinations { get; }

    public RouteModel Model { get; }

    /// <summary>The examples the model reads, mapped onto this pack's destinations.</summary>
    public ExampleIndex Examples => _examples;

    /// <summary>Each destination's prior.</summary>
    public ReadOnlySpan<double> Bias => _bias;

    /// <summary>
    /// Writes the features of every destination (row <c>d</c> at
    /// <c>d * FeatureCount</c>). <paramref name="examples"/>: the examples to
    /// read it against instead of the model's (fitting reads each question
    /// against the examples of other projects only).
    /// </summary>
    public void Features(ScoringInput input, Span<double> features, ExampleIndex? examples = null)
    {
        var n = Destinations.Count;
        features.Clear();
        Span<double> text = stackalloc double[n];
        Span<double> neighbours = stackalloc double[n];
        Span<double> centroids = stackalloc double[n];
        Span<double> bayes = stackalloc double[n];
        _descriptions.Score(input.Words, text);
        (examples ?? _examples).Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(input.Words), neighbours, centroids, bayes);
        var first = input.Basis switch
        {
            Clarification.RouteBasis.Rule => 0,
            Clarification.RouteBasis.Path => 1,
            Clarification.RouteBasis.Close => 3,
            Clarification.RouteBasis.Handoff => 4,
            _ => 2,
        };
        for (var d = 0; d < n; d++)
        {
            var row = features.Slice(d * FeatureCount, FeatureCount);
            if (input.RouteFirst == d)
            {
                row[first] = 1;
            }

            row[5] = input.RouteLater.Contains(d) ? 1 : 0;
            row[6] = input.InQuestion[d] ? 1 : 0;
            row[7] = Math.Log(1 + input.Terms[d]);
            row[8] = Math.Log(1 + input.Lexicon[d]);
            row[9] = text[d];
            row[10] = neighbours[d];
            row[11] = centroids[d];
            row[12] = bayes[d];
        }
    }

    /// <summary>How many values <see cref="Score"/> needs in its buffer.</summary>
    public int BufferLength => Destinations.Count * (FeatureCount + 2);

    /// <summary>
    /// Scores and probabilities of every destination for one question, kept in
    /// <paramref name="buffer"/> (<see cref="BufferLength"/> values: the caller's
    /// stack, so that scoring allocates next to nothing).
    /// </summary>
    public DestinationScores Score(ScoringInput input, Span<double> buffer)
    {
        var n = Destinations.Count;
        var features = buffer[..(n * FeatureCount)];
        var scores = buffer.Slice(n * FeatureCount, n);
        var probabilities = buffer.Slice(n * (FeatureCount + 1), n);
        Features(input, features);
        for (var d = 0; d < n; d++)
        {
            scores[d] = Linear(features.Slice(d * FeatureCount, FeatureCount), Model.Weights.AsSpan(), _bias[d]);
        }

        Softmax(scores, probabilities);
        return new DestinationScores(this, features, scores, probabilities, _examples.Information(input.Words));
    }

    public static double Linear(ReadOnlySpan<double> row, ReadOnlySpan<double> weights, double bias)
    {
        var sum = bias;
        for (var f = 0; f < row.Length; f++)
        {
            sum += row[f] * weights[f];
        }

        return sum;
    }

    public static double[] Softmax(ReadOnlySpan<double> scores)
    {
        var result = new double[scores.Length];
        Softmax(scores, result);
        return result;
    }

    public static void Softmax(ReadOnlySpan<double> scores, Span<double> result)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        var total = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            result[i] = Math.Exp(scores[i] - max);
            total += result[i];
        }

        for (var i = 0; i < scores.Length; i++)
        {
            result[i] /= total;
        }
    }
}

/// <summary>The model's reading of one question: every destination's features, score and probability.</summary>
internal readonly ref struct DestinationScores(ModelScorer scorer, ReadOnlySpan<double> features, ReadOnlySpan<double> scores, ReadOnlySpan<double> probabilities,
    double information)
{
    private readonly ReadOnlySpan<double> _features = features;
    private readonly ReadOnlySpan<double> _scores = scores;
    private readonly ReadOnlySpan<double> _probabilities = probabilities;

    /// <summary>How much the question's words say (<see cref="ExampleIndex.Information"/>).</summary>
    public double Information => information;

    /// <summary>
    /// Whether any word of the question points anywhere: a facet's term, a
    /// lexicon term, a word of a destination's description or of an example.
    /// </summary>
    public bool Found
    {
        get
        {
            for (var d = 0; d < _scores.Length; d++)
            {
                for (var f = ModelScorer.FirstWordFeature; f < ModelScorer.FeatureCount; f++)
                {
                    if (_features[(d * ModelScorer.FeatureCount) + f] != 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    public ReadOnlySpan<double> Scores => _scores;

    public ReadOnlySpan<double> Probabilities => _probabilities;

    public DestinationSet Destinations => scorer.Destinations;

    /// <summary>Destinations best first; ties by their order in the pack, so the order never varies.</summary>
    public int[] Ranking()
    {
        var order = new int[_scores.Length];
        var s = _scores;
        for (var i = 0; i < order.Length; i++)
        {
            // Insertion: few destinations, and no comparer to allocate.
            var at = i;
            while (at > 0 && s[order[at - 1]] < s[i])
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = i;
        }

        return order;
    }

    /// <summary>The best destination; the first in pack order among equals.</summary>
    public int Best()
    {
        var s = _scores;
        var best = 0;
        for (var d = 1; d < s.Length; d++)
        {
            best = s[d] > s[best] ? d : best;
        }

        return best;
    }

    /// <summary>The evidence beyond the prior: a destination's score less its bias.</summary>
    public double Signal(int destination) => _scores[destination] - scorer.Bias[destination];

    /// <summary>What each feature added to a destination's score, largest first (for the evidence).</summary>
    public string Explain(int destination)
    {
        var parts = new List<(string Name, double Value)>();
        var weights = scorer.Model.Weights;
        for (var f = 0; f < ModelScorer.FeatureCount; f++)
        {
            var value = _features[(destination * ModelScorer.FeatureCount) + f] * weights[f];
            if (Math.Abs(value) >= 0.005)
            {
                parts.Add((RouteModel.FeatureNames[f], value));
            }
        }

        var bias = scorer.Bias[destination];
        var text = new StringBuilder(FormattableString.Invariant($"p {_probabilities[destination]:0.00}"));
        foreach (var (name, value) in parts.OrderByDescending(p => Math.Abs(p.Value)).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(", ").Append(name).Append(' ').Append(value.ToString("+0.00;-0.00", CultureInfo.InvariantCulture));
        }

        if (Math.Abs(bias) >= 0.005)
        {
            text.Append(", prior ").Append(bias.ToString("+0.00;-0.00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
