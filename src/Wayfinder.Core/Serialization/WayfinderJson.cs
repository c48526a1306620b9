using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Wayfinder.Decisions;
using Wayfinder.Routing;

namespace Wayfinder.Serialization;

/// <summary>
/// Serialises what Wayfinder returns the one way every host uses: the JSON
/// contract of docs/decision.md, camelCase, nulls written, readable UTF-8, no
/// reflection.
/// </summary>
public static class WayfinderJson
{
    /// <summary>The context with readable escaping (quotes and apostrophes are not escaped as \u0027).</summary>
    internal static WayfinderJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    });

    /// <summary>
    /// The contract's types, for a host's own serializer options (e.g. ASP.NET
    /// Core's): put it in <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>.
    /// </summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => Context;

    /// <summary>A decision as JSON.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(Decision decision) => JsonSerializer.Serialize(decision, Context.Decision);

    /// <summary>Evaluation summaries, one per matcher, as a JSON array.</summary>
    /// <param name="summaries">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(List<Evaluation.EvalSummary> summaries) => JsonSerializer.Serialize(summaries, Context.ListEvalSummary);

    /// <summary>Context for a question as JSON.</summary>
    /// <param name="context">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(Context.ContextResult context) => JsonSerializer.Serialize(context, Context.ContextResult);

    /// <summary>Sections of a sheet as a JSON array.</summary>
    /// <param name="sections">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(List<Context.ContextSection> sections) => JsonSerializer.Serialize(sections, Context.ListContextSection);

    /// <summary>Lint findings as a JSON array.</summary>
    /// <param name="findings">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(List<Lint.LintFinding> findings) => JsonSerializer.Serialize(findings, Context.ListLintFinding);

    /// <summary>A run of routing cases as JSON.</summary>
    /// <param name="run">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(Testing.TestRun run) => JsonSerializer.Serialize(run, Context.TestRun);

    /// <summary>Context scores as a JSON array.</summary>
    /// <param name="scores">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(List<Evaluation.ContextScore> scores) => JsonSerializer.Serialize(scores, Context.ListContextScore);

    /// <summary>Packs as a JSON array, as <c>list_packs</c> returns them.</summary>
    /// <param name="packs">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(IEnumerable<PackInfo> packs) => JsonSerializer.Serialize([.. packs], Context.ListPackInfo);

    /// <summary>Sheets as a JSON array.</summary>
    /// <param name="sheets">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(IEnumerable<SheetInfo> sheets) => JsonSerializer.Serialize([.. sheets], Context.ListSheetInfo);

    /// <summary>A batch line that could not be routed, as JSON.</summary>
    /// <param name="error">What to write.</param>
    /// <returns>One line of JSON.</returns>
    public static string Serialize(BatchError error) => JsonSerializer.Serialize(error, Context.BatchError);

    /// <summary>A decision read back from its JSON.</summary>
    /// <param name="json">One decision's JSON.</param>
    /// <returns>The decision; null when the JSON is <c>null</c>.</returns>
    public static Decision? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.Decision);
}
