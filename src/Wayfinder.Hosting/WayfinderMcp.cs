using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Wayfinder.Serialization;

namespace Wayfinder.Hosting;

/// <summary>
/// Wayfinder as an MCP server: the tools <c>route</c>, <c>context</c>,
/// <c>open_sheet</c> and <c>list_packs</c>, and every loaded sheet as a
/// resource <c>wayfinder://PACK/SHEET</c>. Handlers are registered directly
/// (no reflection over attributed methods), and every reply is serialized by
/// the source-generated contract of docs/decision.md.
/// </summary>
public static class WayfinderMcp
{
    /// <summary>The scheme of sheet resources: <c>wayfinder://PACK/SHEET</c>.</summary>
    public const string Scheme = "wayfinder";

    /// <summary>The server's name in the MCP handshake.</summary>
    public const string ServerName = "wayfinder";

    private const string RouteDescription =
        "Decide which reference sheets answer a question about running ML models in production (making a model smaller or faster, " +
        "serving and deploying it, rolling out, scaling, experiment tracking and MLOps pipelines, monitoring, drift and debugging), " +
        "in the order to read them, or which one clarifying question to ask first. Call it before answering such a question. " +
        "When the reply's status is 'clarify', ask the user its question, then call again with the same question and their answers in 'answers'. " +
        "A 'handoff' names another pack (LLM prompts and RAG design, training, PyTorch internals, security). " +
        "Returns the decision JSON: status, confidence, steps, question, handoffs, advisories, evidence. Deterministic and fast (microseconds).";

    private const string ContextDescription =
        "Route a question, then return the text of the sections of the routed sheets that best answer it, in reading order, " +
        "packed under a token budget (o200k_base tokens). Use it when you need the guidance itself rather than only which sheets to read; " +
        "each section comes with its pack, sheet, heading path, file and line range. Sheets come from the packs the server loaded (--packs); " +
        "destinations not loaded are listed under 'missing'.";

    private const string OpenDescription =
        "Return one reference sheet, or one section of it, by name: 'PACK/SHEET' as it appears in a route decision " +
        "(e.g. 'ml-production/model-serving-patterns'), optionally with a section heading. Use it to read further after 'route' or 'context'.";

    private const string ListDescription =
        "List the packs this server knows: the routing pack, the packs it hands questions to, and the packs loaded from disk, with their sheet counts. " +
        "Use it to see what 'open_sheet' and 'context' can read.";

    private static readonly JsonElement RouteSchema = Schema("""
        {"type":"object","properties":{
          "question":{"type":"string","description":"The user's question, in their words (at most 8 KB)."},
          "answers":{"type":"array","items":{"type":"string"},"description":"Answers to the clarifying questions asked before, in order: the answer id, its number, or the user's words."}
        },"required":["question"],"additionalProperties":false}
        """);

    private static readonly JsonElement ContextSchema = Schema("""
        {"type":"object","properties":{
          "question":{"type":"string","description":"The user's question, in their words (at most 8 KB)."},
          "answers":{"type":"array","items":{"type":"string"},"description":"Answers to clarifying questions asked before, in order."},
          "budget":{"type":"integer","minimum":1,"maximum":200000,"description":"How many tokens of sheet text to return at most (default 4000)."}
        },"required":["question"],"additionalProperties":false}
        """);

    private static readonly JsonElement OpenSchema = Schema("""
        {"type":"object","properties":{
          "sheet":{"type":"string","description":"PACK/SHEET, e.g. ml-production/model-serving-patterns."},
          "section":{"type":"string","description":"Only this section: its heading, or its heading path joined by ' > '."}
        },"required":["sheet"],"additionalProperties":false}
        """);

    private static readonly JsonElement EmptySchema = Schema("""{"type":"object","properties":{},"additionalProperties":false}""");

    /// <summary>The server's options: its identity, capabilities and handlers over <paramref name="service"/>.</summary>
    public static McpServerOptions CreateOptions(WayfinderService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var tools = new List<Tool>
        {
            new() { Name = "route", Title = "Route a question", Description = RouteDescription, InputSchema = RouteSchema, Annotations = ReadOnly() },
            new() { Name = "context", Title = "Sheet sections for a question", Description = ContextDescription, InputSchema = ContextSchema, Annotations = ReadOnly() },
            new() { Name = "open_sheet", Title = "Open a sheet", Description = OpenDescription, InputSchema = OpenSchema, Annotations = ReadOnly() },
            new() { Name = "list_packs", Title = "List packs", Description = ListDescription, InputSchema = EmptySchema, Annotations = ReadOnly() },
        };

        return new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Title = "Wayfinder", Version = Version },
            ServerInstructions = "Call 'route' with the user's question before answering questions about ML models in production; read the sheets it names (with 'context' or 'open_sheet') in its order.",
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability(), Resources = new ResourcesCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = tools }),
                CallToolHandler = (request, _) => ValueTask.FromResult(Call(service, request.Params)),
                ListResourcesHandler = (_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = Resources(service) }),
                ReadResourceHandler = (request, _) => ValueTask.FromResult(Read(service, request.Params?.Uri)),
            },
        };
    }

    /// <summary>Serves MCP over this process's standard input and output until the input ends or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunStdioAsync(WayfinderService service, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var options = CreateOptions(service);
        await using var server = McpServer.Create(new StdioServerTransport(options, loggerFactory), options, loggerFactory);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serves MCP over a pair of streams (for embedding and tests).</summary>
    public static async Task RunAsync(WayfinderService service, Stream input, Stream output, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var options = CreateOptions(service);
        await using var server = McpServer.Create(new StreamServerTransport(input, output, ServerName, loggerFactory), options, loggerFactory);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Version =>
        typeof(WayfinderMcp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static CallToolResult Call(WayfinderService service, CallToolRequestParams? call)
    {
        var name = call?.Name ?? "";
        var args = call?.Arguments ?? new Dictionary<string, JsonElement>();
        try
        {
            return name switch
            {
                "route" => Json(WayfinderJson.Serialize(service.Route(Text(args, "question", required: true), Texts(args, "answers")))),
                "context" => Json(WayfinderJson.Serialize(service.Context(Text(args, "question", required: true), Texts(args, "answers"), Integer(args, "budget") ?? Context.ContextBuilder.DefaultBudget))),
                "open_sheet" => Json(WayfinderJson.Serialize(service.Open(Text(args, "sheet", required: true), Text(args, "section", required: false)))),
                "list_packs" => Json(JsonSerializer.Serialize([.. service.PackInfos], WayfinderJson.Context.ListPackInfo)),
                _ => throw new McpProtocolException(
                    $"unknown tool '{name}'; the tools are route, context, open_sheet and list_packs", McpErrorCode.InvalidParams),
            };
        }
        catch (WayfinderRequestException e)
        {
            // A tool that cannot do what was asked says so in its result, for the model to read and correct.
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = e.Message }] };
        }
    }

    private static CallToolResult Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = json }],
            StructuredContent = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null,
        };
    }

    private static string? Text(IDictionary<string, JsonElement> args, string key, bool required)
    {
        if (!args.TryGetValue(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new WayfinderRequestException($"'{key}' is required") : null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new WayfinderRequestException($"'{key}' must be a string, not {Kind(value)}");
    }

    private static List<string>? Texts(IDictionary<string, JsonElement> args, string key)
    {
        if (!args.TryGetValue(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new WayfinderRequestException($"'{key}' must be an array of strings, not {Kind(value)}");
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static int? Integer(IDictionary<string, JsonElement> args, string key)
    {
        if (!args.TryGetValue(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new WayfinderRequestException($"'{key}' must be a whole number, not {Kind(value)}");
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {value.GetRawText()}"),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static List<Resource> Resources(WayfinderService service) =>
    [
        .. service.Library.Packs.SelectMany(p => p.Sheets).Select(s => new Resource
        {
            Uri = $"{Scheme}://{s.Pack}/{s.Id}",
            Name = $"{s.Pack}/{s.Id}",
            Title = s.Title,
            Description = $"Reference sheet {s.Id} of {s.Pack} ({s.File})",
            MimeType = "text/markdown",
        }),
    ];

    private static ReadResourceResult Read(WayfinderService service, string? uri)
    {
        var prefix = Scheme + "://";
        if (uri is null || !uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new McpProtocolException($"resources are named {prefix}PACK/SHEET, not '{uri}'", McpErrorCode.InvalidParams);
        }

        try
        {
            var sheet = service.Find(Uri.UnescapeDataString(uri[prefix.Length..]));
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = "text/markdown", Text = string.Join('\n', sheet.Sections.Select(s => s.Text)) }],
            };
        }
        catch (WayfinderRequestException e)
        {
            throw new McpProtocolException(e.Message, e.NotFound ? McpErrorCode.ResourceNotFound : McpErrorCode.InvalidParams);
        }
    }

    private static ToolAnnotations ReadOnly() => new() { ReadOnlyHint = true, IdempotentHint = true, OpenWorldHint = false, DestructiveHint = false };

    private static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
