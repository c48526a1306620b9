using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wayfinder.Scoring;

/// <summary>One labelled question as a model stores it: where it leads and its content words.</summary>
/// <param name="To">Its accepted first destinations (<c>pack/sheet</c> or <c>pack/*</c>).</param>
/// <param name="Words">Its content words, space-separated, as often as they occur.</param>
public sealed record ModelExample(ImmutableArray<string> To, string Words);

/// <summary>
/// What <c>wayfinder fit</c> learns for a pack: the weight of each feature,
/// each destination's prior, the ask policy's margin and least signal, and the
/// labelled examples example-based routing reads. It is pack data (a
/// <c>*.model.json</c> beside the pack's manifest or SKILL.md, or the built-in
/// pack's resource), never constants in code; <see cref="Corpus"/> names the
/// labelled file it was fitted on by its SHA-256, so a fit can be reproduced
/// and checked.
/// </summary>
public sealed record RouteModel(
    string Pack,
    ModelCorpus Corpus,
    ImmutableArray<double> Weights,
    ImmutableSortedDictionary<string, double> Bias,
    AskSettings Ask,
    ImmutableArray<ModelExample> Examples)
{
    /// <summary>The file format written and read.</summary>
    internal const int Format = 1;

    /// <summary>The features, in the order of <see cref="Weights"/> (docs/routing.md describes each).</summary>
    public static readonly ImmutableArray<string> FeatureNames =
    [
        "first-by-rule", "first-by-path", "first-composed", "first-close", "first-handoff", "route-later",
        "in-question", "terms", "lexicon", "text", "neighbours", "centroid", "bayes",
    ];

    /// <summary>
    /// The model a pack has before anyone fits it: the router's own route
    /// leads and is never overridden, the pack's words and descriptions weigh
    /// a question the rules would ask about, no priors, no examples (so no
    /// least information either).
    /// </summary>
    public static RouteModel Unfitted(string pack) => new(
        pack,
        new ModelCorpus("", "", "", 0),
        [6.0, 6.0, 4.0, 3.0, 4.0, 1.0, 0.5, 1.0, 1.5, 0.5, 0, 0, 0],
        ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal),
        new AskSettings(0.3, 0, 2, 2),
        []);

    /// <summary>Writes the model as JSON, the same bytes for the same model on every machine.</summary>
    public string ToJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteString("pack", Pack);
            json.WriteStartObject("corpus");
            json.WriteString("file", Corpus.File);
            json.WriteString("sha256", Corpus.Sha256);
            json.WriteString("split", Corpus.Split);
            json.WriteNumber("items", Corpus.Items);
            json.WriteStartArray("also");
            foreach (var also in Corpus.Also)
            {
                json.WriteStartObject();
                json.WriteString("file", also.File);
                json.WriteString("sha256", also.Sha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("weights");
            for (var i = 0; i < FeatureNames.Length; i++)
            {
                json.WriteNumber(FeatureNames[i], Round(Weights[i]));
            }

            json.WriteEndObject();
            json.WriteStartObject("bias");
            foreach (var (key, value) in Bias)
            {
                json.WriteNumber(key, Round(value));
            }

            json.WriteEndObject();
            json.WriteStartObject("ask");
            json.WriteNumber("margin", Round(Ask.Margin));
            json.WriteNumber("minSignal", Round(Ask.MinSignal));
            json.WriteNumber("override", Round(Ask.Override));
            json.WriteNumber("overrideFixed", Round(Ask.OverrideFixed));
            json.WriteEndObject();
            json.WriteStartArray("examples");
            foreach (var example in Examples)
            {
                json.WriteStartObject();
                json.WriteStartArray("to");
                foreach (var to in example.To)
                {
                    json.WriteStringValue(to);
                }

                json.WriteEndArray();
                json.WriteString("words", example.Words);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Six significant digits: enough to route the same, short enough to read a diff.</summary>
    private static double Round(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Reads a model file; a problem is reported with what was wrong, never thrown past the caller as a crash.</summary>
    /// <exception cref="FormatException">The text is not a model of this format.</exception>
    public static RouteModel FromJson(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, "the top level is not an object");
            }

            var format = Required(root, "format", source).GetInt32();
            if (format != Format)
            {
                throw Bad(source, $"format {format} is not supported (this version reads format {Format})");
            }

            var corpus = Required(root, "corpus", source);
            var weightsElement = Required(root, "weights", source);
            var weights = ImmutableArray.CreateBuilder<double>(FeatureNames.Length);
            foreach (var name in FeatureNames)
            {
                weights.Add(weightsElement.TryGetProperty(name, out var w) ? w.GetDouble() : 0);
            }

            foreach (var property in weightsElement.EnumerateObject())
            {
                if (!FeatureNames.Contains(property.Name))
                {
                    throw Bad(source, $"unknown feature '{property.Name}' in \"weights\" (known: {string.Join(", ", FeatureNames)})");
                }
            }

            var bias = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (var property in Required(root, "bias", source).EnumerateObject())
            {
                bias[property.Name] = property.Value.GetDouble();
            }

            var ask = Required(root, "ask", source);
            var examples = ImmutableArray.CreateBuilder<ModelExample>();
            foreach (var example in Required(root, "examples", source).EnumerateArray())
            {
                examples.Add(new ModelExample(
                    [.. Required(example, "to", source).EnumerateArray().Select(e => e.GetString() ?? throw Bad(source, "a destination in \"to\" is not a string"))],
                    Required(example, "words", source).GetString() ?? ""));
            }

            Finite(weights, RouteModel.FeatureNames, source);
            Finite([.. bias.Values], [.. bias.Keys], source);
            return new RouteModel(
                Required(root, "pack", source).GetString() ?? "",
                new ModelCorpus(
                    Required(corpus, "file", source).GetString() ?? "",
                    Required(corpus, "sha256", source).GetString() ?? "",
                    Required(corpus, "split", source).GetString() ?? "",
                    Required(corpus, "items", source).GetInt32())
                {
                    Also = corpus.TryGetProperty("also", out var also)
                        ? [.. also.EnumerateArray().Select(a => new ModelSource(Required(a, "file", source).GetString() ?? "", Required(a, "sha256", source).GetString() ?? ""))]
                        : [],
                },
                weights.MoveToImmutable(),
                bias.ToImmutable(),
                ReadAsk(ask, source),
                examples.ToImmutable());
        }
        catch (JsonException e)
        {
            throw Bad(source, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw Bad(source, $"a value has the wrong type: {e.Message}");
        }
        catch (FormatException e) when (!e.Message.StartsWith(source + ": ", StringComparison.Ordinal))
        {
            // A number the getters cannot read as asked (a fraction where a count is due).
            throw Bad(source, $"a number is not of the kind expected: {e.Message}");
        }
    }

    private static AskSettings ReadAsk(JsonElement ask, string source)
    {
        string[] names = ["margin", "minSignal", "override", "overrideFixed"];
        var values = names.Select(n => Required(ask, n, source).GetDouble()).ToArray();
        Finite(values, [.. names.Select(n => $"ask.{n}")], source);
        return new AskSettings(values[0], values[1], values[2], values[3]);
    }

    private static void Finite(IReadOnlyList<double> values, IReadOnlyList<string> names, string source)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw Bad(source, $"'{names[i]}' is not a finite number");
            }
        }
    }

    private static JsonElement Required(JsonElement element, string name, string source) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw Bad(source, $"\"{name}\" is missing");

    private static FormatException Bad(string source, string what) => new($"{source}: {what}");
}

/// <summary>The labelled file a model was fitted on.</summary>
/// <param name="File">Its name, as given to <c>wayfinder fit</c>.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="Split">The split the weights were fitted on (empty: every item).</param>
/// <param name="Items">How many items they were fitted on, those of <see cref="Also"/> included.</param>
public sealed record ModelCorpus(string File, string Sha256, string Split, int Items)
{
    /// <summary>The record of a fit on <paramref name="gold"/> (its <paramref name="split"/>) and every item of <paramref name="also"/>, by name and hash.</summary>
    public static ModelCorpus Of(string gold, string? split, IEnumerable<string> also)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(also);
        return new ModelCorpus(Path.GetFileName(gold), HashOf(gold), split ?? "", 0)
        {
            Also = [.. also.Select(f => new ModelSource(Path.GetFileName(f), HashOf(f)))],
        };
    }

    /// <summary>The SHA-256 of a file's bytes, lower-case hex, as a model records it.</summary>
    public static string HashOf(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(path)));

    /// <summary>The files whose every item was also fitted on (<c>fit --also</c>).</summary>
    public ImmutableArray<ModelSource> Also { get; init; } = [];
}

/// <summary>A labelled file, by name and the SHA-256 of its bytes.</summary>
public sealed record ModelSource(string File, string Sha256);

/// <summary>The decision policy's settings, set on held-out questions by <c>wayfinder fit</c>.</summary>
/// <param name="Margin">
/// The least lead, in probability, the best branch of a clarifying question
/// must have over the next, read from the question's context (its words
/// less those that raised the question), for it to be routed without asking.
/// </param>
/// <param name="MinSignal">
/// The least information that context must carry (the summed inverse
/// document frequencies of its words, as the examples read them) for the
/// question to be routed without asking.
/// </param>
/// <param name="Override">
/// The least lead, in probability, the model's first destination must have
/// over the first destination the rules and facets composed, to go before it.
/// </param>
/// <param name="OverrideFixed">
/// The same lead, over a first destination a scenario rule or an answered
/// clarifying path fixed: the specification's own routes weigh more.
/// </param>
public sealed record AskSettings(double Margin, double MinSignal, double Override, double OverrideFixed);
