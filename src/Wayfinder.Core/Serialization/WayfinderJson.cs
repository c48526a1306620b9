using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json;
using Wayfinder.Decisions;
using Wayfinder.Routing;

namespace Wayfinder.Serialization;

/// <summary>Serialises decisions the one way every host uses (readable UTF-8, no reflection).</summary>
public static class WayfinderJson
{
    /// <summary>The context with readable escaping (quotes and apostrophes are not escaped as \u0027).</summary>
    public static WayfinderJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    });

    public static string Serialize(Decision decision) => JsonSerializer.Serialize(decision, Context.Decision);

    public static string Serialize(List<Evaluation.EvalSummary> summaries) => JsonSerializer.Serialize(summaries, Context.ListEvalSummary);

    public static string Serialize(Context.ContextResult context) => JsonSerializer.Serialize(context, Context.ContextResult);

    public static string Serialize(List<Context.ContextSection> sections) => JsonSerializer.Serialize(sections, Context.ListContextSection);

    public static string Serialize(List<Lint.LintFinding> findings) => JsonSerializer.Serialize(findings, Context.ListLintFinding);

    public static string Serialize(Testing.TestRun run) => JsonSerializer.Serialize(run, Context.TestRun);

    public static string Serialize(List<Evaluation.ContextScore> scores) => JsonSerializer.Serialize(scores, Context.ListContextScore);

    public static Decision? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.Decision);
}
