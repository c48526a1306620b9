using System.Text.Json.Serialization;
using Wayfinder.Routing;

namespace Wayfinder.Serialization;

/// <summary>
/// The one source-generated JSON context every host uses: camelCase names,
/// nulls written (the contract has <c>"question": null</c>), no reflection.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(BatchQuestion))]
[JsonSerializable(typeof(BatchError))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<PackInfo>))]
[JsonSerializable(typeof(List<SheetInfo>))]
[JsonSerializable(typeof(List<Wayfinder.Evaluation.EvalSummary>))]
[JsonSerializable(typeof(Wayfinder.Context.ContextResult))]
[JsonSerializable(typeof(List<Wayfinder.Context.ContextSection>))]
[JsonSerializable(typeof(List<Wayfinder.Lint.LintFinding>))]
public sealed partial class WayfinderJsonContext : JsonSerializerContext;

/// <summary>One line of batch input.</summary>
public sealed record BatchQuestion(string? Id, string? Query, IReadOnlyList<string>? Answers);

/// <summary>A batch line that could not be routed: where it was and what was wrong.</summary>
public sealed record BatchError(
    [property: JsonPropertyOrder(0)] string? Id,
    [property: JsonPropertyOrder(1)] int Line,
    [property: JsonPropertyOrder(2)] string Error);

/// <summary>A pack as listed by hosts.</summary>
public sealed record PackInfo(string Id, string Title, string Role, int Sheets, string Summary);

/// <summary>A sheet as listed by hosts.</summary>
public sealed record SheetInfo(string Pack, string Sheet, string Concern, string Summary);
