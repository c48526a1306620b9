using System.Text.Json.Serialization;
using Wayfinder.Decisions;
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
[JsonSerializable(typeof(BatchError))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<PackInfo>))]
[JsonSerializable(typeof(List<SheetInfo>))]
[JsonSerializable(typeof(List<Wayfinder.Evaluation.EvalSummary>))]
[JsonSerializable(typeof(Wayfinder.Context.ContextResult))]
[JsonSerializable(typeof(List<Wayfinder.Context.ContextSection>))]
[JsonSerializable(typeof(List<Wayfinder.Lint.LintFinding>))]
[JsonSerializable(typeof(Wayfinder.Testing.TestRun))]
[JsonSerializable(typeof(List<Wayfinder.Evaluation.ContextScore>))]
internal sealed partial class WayfinderJsonContext : JsonSerializerContext;

/// <summary>A batch line that could not be routed: where it was and what was wrong.</summary>
public sealed record BatchError(
    [property: JsonPropertyOrder(0)] string? Id,
    [property: JsonPropertyOrder(1)] int Line,
    [property: JsonPropertyOrder(2)] string Error);

/// <summary>A pack as listed by hosts: one entry per pack, under the one name decisions use for it.</summary>
/// <param name="Id">The pack's name, as decisions, sections, <c>open</c> and resources write it.</param>
/// <param name="Title">Its title (the routing pack's) or frontmatter name (a pack on disk).</param>
/// <param name="Role"><c>routing</c>, <c>hand-off</c> (a sister pack the router hands questions to) or <c>on disk</c>.</param>
/// <param name="Sheets">Its sheets: the routing pack's, the hand-off sheets it names, or the files on disk.</param>
/// <param name="Summary">What it is for.</param>
/// <param name="OnDisk">Whether the pack's files are loaded, so its sheets can be opened.</param>
public sealed record PackInfo(string Id, string Title, string Role, int Sheets, string Summary, bool OnDisk = false);

/// <summary>A sheet as listed by hosts.</summary>
public sealed record SheetInfo(string Pack, string Sheet, string Concern, string Summary);
