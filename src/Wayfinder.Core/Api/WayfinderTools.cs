using System.Collections.Immutable;
using System.Text.Json;
using Wayfinder.Context;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Api;

/// <summary>
/// One tool a model can call: its name, what it does in words a model reads,
/// and the JSON schema of its arguments. MCP serves these, and
/// <c>Wayfinder.Hosting</c> makes them chat-client functions, so both say the
/// same thing and take the same arguments.
/// </summary>
public sealed class WayfinderTool
{
    private readonly Func<WayfinderService, RequestArguments, string> _handler;

    internal WayfinderTool(string name, string title, string description, JsonElement inputSchema, Func<WayfinderService, RequestArguments, string> handler)
    {
        Name = name;
        Title = title;
        Description = description;
        InputSchema = inputSchema;
        _handler = handler;
    }

    /// <summary>The tool's name, e.g. <c>route</c>.</summary>
    public string Name { get; }

    /// <summary>A short title for people.</summary>
    public string Title { get; }

    /// <summary>What the tool does and when to call it, for a model.</summary>
    public string Description { get; }

    /// <summary>The JSON schema of the tool's arguments (an object).</summary>
    public JsonElement InputSchema { get; }

    /// <summary>Calls the tool on <paramref name="service"/>; its reply is JSON, the contract of docs/decision.md.</summary>
    /// <param name="service">The service to call.</param>
    /// <param name="arguments">The tool's arguments, as the host received them.</param>
    /// <returns>The reply, as JSON.</returns>
    /// <exception cref="WayfinderError">The service refused the arguments.</exception>
    public string Call(WayfinderService service, RequestArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(arguments);
        return _handler(service, arguments);
    }
}

/// <summary>
/// The tools over <see cref="WayfinderService"/>: <c>route</c>, <c>context</c>,
/// <c>open_sheet</c> and <c>list_packs</c>. Their limits in the schemas are
/// the service's own constants, so a schema cannot drift from what the service
/// refuses.
/// </summary>
public static class WayfinderTools
{
    /// <summary>Decides which sheets answer a question, in order, or the one question to ask first.</summary>
    public static WayfinderTool Route { get; } = new(
        "route",
        "Route a question",
        "Decide which reference sheets answer a question about running ML models in production (making a model smaller or faster, " +
        "serving and deploying it, rolling out, scaling, experiment tracking and MLOps pipelines, monitoring, drift and debugging), " +
        "in the order to read them, or which one clarifying question to ask first. Call it before answering such a question. " +
        "When the reply's status is 'clarify', ask the user its question, then call again with the same question and their answers in 'answers'; " +
        "'question.leaning' names the answers the question's own words lean to, which you may offer as the likely one. " +
        "A 'handoff' names another pack (LLM prompts and RAG design, training, PyTorch internals, security). " +
        "Returns the decision JSON: status, confidence, steps, question, handoffs, advisories, evidence. Deterministic and fast (microseconds).",
        Schema($$"""
            {"type":"object","properties":{
              "question":{"type":"string","description":"The user's question, in their words (at most {{QuestionGuard.MaxQuestionBytes / 1024}} KB)."},
              "answers":{"type":"array","items":{"type":"string"},"description":"Answers to the clarifying questions asked before, in order: the answer id, its number, or the user's words."}
            },"required":["question"],"additionalProperties":false}
            """),
        (s, a) => WayfinderJson.Serialize(s.Route(a)));

    /// <summary>Routes a question and returns the text of the sections that best answer it, under a token budget.</summary>
    public static WayfinderTool Context { get; } = new(
        "context",
        "Sheet sections for a question",
        "Route a question, then return the text of the sections of the routed sheets that best answer it, in reading order, " +
        "packed under a token budget (o200k_base tokens). Use it when you need the guidance itself rather than only which sheets to read; " +
        "each section comes with its pack, sheet, heading path, file and line range. When the route is a clarifying question, " +
        "the sections are those of the likeliest answers, each marked with its branch. Sheets come from the packs loaded; " +
        "destinations not loaded are listed under 'missing'.",
        Schema($$"""
            {"type":"object","properties":{
              "question":{"type":"string","description":"The user's question, in their words (at most {{QuestionGuard.MaxQuestionBytes / 1024}} KB)."},
              "answers":{"type":"array","items":{"type":"string"},"description":"Answers to clarifying questions asked before, in order."},
              "budget":{"type":"integer","minimum":1,"maximum":{{WayfinderService.MaxBudget}},"description":"How many tokens of sheet text to return at most (default {{ContextBuilder.DefaultBudget}})."}
            },"required":["question"],"additionalProperties":false}
            """),
        (s, a) => WayfinderJson.Serialize(s.Context(a)));

    /// <summary>Returns one sheet, or one section of it, by <c>PACK/SHEET</c>.</summary>
    public static WayfinderTool OpenSheet { get; } = new(
        "open_sheet",
        "Open a sheet",
        "Return one reference sheet, or one section of it, by name: 'PACK/SHEET' as it appears in a route decision " +
        "(e.g. 'yzmir-ml-production/model-serving-patterns'), optionally with a section heading. Use it to read further after 'route' or 'context'.",
        Schema("""
            {"type":"object","properties":{
              "sheet":{"type":"string","description":"PACK/SHEET, e.g. yzmir-ml-production/model-serving-patterns."},
              "section":{"type":"string","description":"Only this section: its heading, or its heading path joined by ' > '."}
            },"required":["sheet"],"additionalProperties":false}
            """),
        (s, a) => WayfinderJson.Serialize(s.Open(a)));

    /// <summary>Lists the packs the service knows, with their sheet counts.</summary>
    public static WayfinderTool ListPacks { get; } = new(
        "list_packs",
        "List packs",
        "List the packs this server knows: the routing pack, the packs it hands questions to, and the packs loaded from disk, with their sheet counts. " +
        "Use it to see what 'open_sheet' and 'context' can read.",
        Schema("""{"type":"object","properties":{},"additionalProperties":false}"""),
        (s, a) => WayfinderJson.Serialize(s.ListPacks(a)));

    /// <summary>Every tool, in the order a server lists them.</summary>
    public static ImmutableArray<WayfinderTool> All { get; } = [Route, Context, OpenSheet, ListPacks];

    /// <summary>The tool named <paramref name="name"/>; null when there is none.</summary>
    /// <param name="name">A tool's name, e.g. <c>route</c>.</param>
    /// <returns>The tool, or null.</returns>
    public static WayfinderTool? Find(string? name) => All.FirstOrDefault(t => t.Name == name);

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
