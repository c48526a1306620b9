using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wayfinder.Marketplace;

/// <summary>
/// The weights of routing across packs on disk: which pack a question belongs
/// to, and which of a pack's sheets to read, each a linear score over features
/// every pack has (<see cref="MarketFeatures"/>). Fitted once, across many packs
/// (<c>wayfinder fit --market</c>), and never per pack, so that the same weights
/// serve a pack nobody has seen. The one the program carries is
/// <c>Marketplace/market.model.json</c>.
/// </summary>
public sealed record MarketModel
{
    /// <summary>The format of the model file.</summary>
    internal const int CurrentFormat = 1;

    /// <summary>The format of the model file this model was read from.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>One weight per pack feature, in the order of <see cref="MarketFeatures.PackNames"/>.</summary>
    public ImmutableArray<double> Pack { get; init; } = [1, 0.5, 1, 0.5, 0.5, 0.5, 1, 1, 0];

    /// <summary>One weight per sheet feature, in the order of <see cref="MarketFeatures.SheetNames"/>.</summary>
    public ImmutableArray<double> Sheet { get; init; } = [1, 0.5, 0.5, 0.5, 0.5, 0.5];

    /// <summary>Two packs whose scores are closer than this (after the softmax, as a share of the first's probability) are asked between.</summary>
    public double AskMargin { get; init; } = 0.05;

    /// <summary>A question whose words that any pack holds weigh less than this (the sum of their idf over every sheet, in words found in one sheet only), and that no pack's own router claims, fits no pack.</summary>
    public double MinInformation { get; init; } = 0.5;

    /// <summary>A sheet follows the first when its score is within this of the first's.</summary>
    public double FollowMargin { get; init; } = 0.5;

    /// <summary>The corpus the weights were fitted on, for the record: file, items, hash.</summary>
    public string? Corpus { get; init; }

    /// <summary>The model the program carries.</summary>
    public static MarketModel BuiltIn { get; } = Load();

    /// <summary>The model as the JSON of its file, ending with a newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MarketModelJson.Default.MarketModel) + "\n";

    /// <summary>Reads and checks a model file; a bad one is a <see cref="FormatException"/> naming <paramref name="file"/>.</summary>
    public static MarketModel FromJson(string json, string file)
    {
        MarketModel? model;
        try
        {
            model = JsonSerializer.Deserialize(json, MarketModelJson.Default.MarketModel);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{file}: not a market model: {ex.Message}");
        }

        if (model is null || model.Format != CurrentFormat)
        {
            throw new FormatException($"{file}: not a market model of format {CurrentFormat}");
        }

        if (model.Pack.Length != MarketFeatures.PackNames.Length || model.Sheet.Length != MarketFeatures.SheetNames.Length)
        {
            throw new FormatException($"{file}: wants {MarketFeatures.PackNames.Length} pack weights and {MarketFeatures.SheetNames.Length} sheet weights");
        }

        if (model.Pack.Concat(model.Sheet).Append(model.AskMargin).Append(model.MinInformation).Append(model.FollowMargin).Any(w => !double.IsFinite(w)))
        {
            throw new FormatException($"{file}: every weight must be a finite number");
        }

        return model;
    }

    private static MarketModel Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Wayfinder.Marketplace.market.model.json");
        if (stream is null)
        {
            return new MarketModel();
        }

        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd(), "market.model.json");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MarketModel))]
internal sealed partial class MarketModelJson : JsonSerializerContext;
