using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Wayfinder.Api;

namespace Wayfinder.Mcp;

/// <summary>What the stdio server does with one line from the client.</summary>
internal enum LineAction
{
    /// <summary>Pass it to the server: a notification, owed nothing.</summary>
    Forward,

    /// <summary>Pass it to the server: a request, owed a reply.</summary>
    ForwardRequest,

    /// <summary>Write <see cref="LineVerdict.Text"/>, a JSON-RPC error, in its place.</summary>
    Answer,

    /// <summary>Drop it and log <see cref="LineVerdict.Text"/>: JSON-RPC forbids answering it.</summary>
    Ignore,
}

/// <summary>What to do with a line, and the error to answer or the reason to log.</summary>
internal readonly record struct LineVerdict(LineAction Action, string? Text = null);

/// <summary>
/// Checks each line read on stdio before the MCP SDK sees it. The SDK drops in
/// silence what it cannot read into its types (batches, <c>{}</c>, an object
/// as id) and answers params it cannot read with a bare -32603. So every line
/// that is not one JSON-RPC 2.0 message, with params its method can read, is
/// answered here with an error naming what is wrong (-32700, -32600, -32602);
/// or, when it is a notification or a stray reply, which JSON-RPC forbids
/// answering, it is dropped with a reason to log. Tool arguments the SDK
/// cannot read (a lone surrogate, a name given twice) are answered as the
/// tools answer the ones they cannot take: a result with <c>isError</c>.
/// </summary>
internal static class IncomingLine
{
    /// <summary>How deep a message may nest: well within the 64 levels the SDK reads.</summary>
    public const int MaxNesting = 32;

    private static readonly JsonDocumentOptions Reading = new() { MaxDepth = 256 };

    // The params the server's methods read, in the SDK's own types: what fails here would fail there with a bare -32603.
    private static readonly Dictionary<string, Type> RequestParams = new(StringComparer.Ordinal)
    {
        [RequestMethods.Initialize] = typeof(InitializeRequestParams),
        [RequestMethods.Ping] = typeof(PingRequestParams),
        [RequestMethods.ToolsList] = typeof(ListToolsRequestParams),
        [RequestMethods.ToolsCall] = typeof(CallToolRequestParams),
        [RequestMethods.ResourcesList] = typeof(ListResourcesRequestParams),
        [RequestMethods.ResourcesTemplatesList] = typeof(ListResourceTemplatesRequestParams),
        [RequestMethods.ResourcesRead] = typeof(ReadResourceRequestParams),

        // Deprecated by the protocol, but still served, and so still checked.
#pragma warning disable MCP9005
        [RequestMethods.LoggingSetLevel] = typeof(SetLevelRequestParams),
#pragma warning restore MCP9005
    };

    // The notifications a client sends a server.
    private static readonly Dictionary<string, Type> NotificationParams = new(StringComparer.Ordinal)
    {
        [NotificationMethods.InitializedNotification] = typeof(InitializedNotificationParams),
        [NotificationMethods.CancelledNotification] = typeof(CancelledNotificationParams),
        [NotificationMethods.ProgressNotification] = typeof(ProgressNotificationParams),
#pragma warning disable MCP9005
        [NotificationMethods.RootsListChangedNotification] = typeof(RootsListChangedNotificationParams),
#pragma warning restore MCP9005
    };

    /// <summary>What to do with <paramref name="line"/> (without its newline).</summary>
    public static LineVerdict Check(ReadOnlyMemory<byte> line)
    {
        if (RequestArguments.Utf8Problem(line.Span) is { } encoding)
        {
            return Answer(null, McpErrorCode.ParseError, encoding);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Reading);
        }
        catch (JsonException e)
        {
            var text = System.Text.Encoding.UTF8.GetString(line.Span);
            var shown = text.Length > 80 ? text[..80] + "..." : text;
            return Answer(null, McpErrorCode.ParseError, $"not JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ')}): {shown}");
        }

        using (document)
        {
            return Check(document.RootElement);
        }
    }

    private static LineVerdict Check(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Array)
        {
            var count = message.GetArrayLength();
            var what = count == 0 ? "an empty batch ([])" : $"a batch of {count} message{(count == 1 ? "" : "s")}";
            return Answer(null, McpErrorCode.InvalidRequest, $"{what}; this server takes one JSON-RPC message per line, not batches: send each message on a line of its own");
        }

        if (message.ValueKind != JsonValueKind.Object)
        {
            return Answer(null, McpErrorCode.InvalidRequest, "a JSON-RPC message is a JSON object, not " + RequestArguments.Describe(message));
        }

        // A tool call's arguments are the tool's to judge, after the envelope (compared raw: the method may not be text).
        var isToolCall = message.TryGetProperty("method", out var method) && method.GetRawText() == $"\"{RequestMethods.ToolsCall}\"";
        var problem = Walk(message, "", null, 1, "the message", isToolCall);

        // Only a usable id can go back in the reply; a request with any other id is answered with a null one.
        var hasId = message.TryGetProperty("id", out var id);
        if (problem is { Path: "id" })
        {
            return Answer(null, McpErrorCode.InvalidRequest, problem.Sentence);
        }

        if (hasId && id.ValueKind == JsonValueKind.Null)
        {
            return Answer(null, McpErrorCode.InvalidRequest, "'id' is null; a request has a string or whole-number id, and a notification has no 'id' at all");
        }

        if (hasId && !(id.ValueKind == JsonValueKind.String || (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out _))))
        {
            return Answer(null, McpErrorCode.InvalidRequest, $"'id' must be a string or a whole number, not {RequestArguments.Describe(id)}");
        }

        var echo = hasId ? id.GetRawText() : null;
        if (method.ValueKind == JsonValueKind.Undefined)
        {
            return hasId && (message.TryGetProperty("result", out _) || message.TryGetProperty("error", out _))
                ? new LineVerdict(LineAction.Ignore, $"a reply (id {echo}) to no request of this server, which sends none; ignored")
                : Answer(echo, McpErrorCode.InvalidRequest, "no 'method': a request is {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}, and a notification is the same without the id");
        }

        if (method.ValueKind != JsonValueKind.String)
        {
            return Answer(echo, McpErrorCode.InvalidRequest, $"'method' must be a string, not {RequestArguments.Describe(method)}");
        }

        // A message with a method and no id is a notification: whatever is wrong with it is logged, never answered.
        var notification = !hasId;
        if (problem is not null)
        {
            var inParams = problem.Path.StartsWith("params", StringComparison.Ordinal);
            return notification ? Ignored(problem.Sentence) : Answer(echo, inParams ? McpErrorCode.InvalidParams : McpErrorCode.InvalidRequest, problem.Sentence);
        }

        if (Version(message) is { } version)
        {
            return notification ? Ignored(version) : Answer(echo, McpErrorCode.InvalidRequest, version);
        }

        var name = method.GetString()!;
        message.TryGetProperty("params", out var parameters);
        if (isToolCall && !notification && ToolCallProblem(parameters) is null
            && parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Object
            && Walk(arguments, "", null, 3, "the arguments", isToolCall: false) is { } unusable)
        {
            // The SDK cannot read them, so the tool would never see them: answered here as the tool answers.
            return ToolError(echo!, unusable.Sentence);
        }

        var wrong = parameters.ValueKind is JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined
            ? notification ? NotificationProblem(name, parameters) : RequestProblem(name, parameters)
            : $"'params' must be an object, not {RequestArguments.Describe(parameters)}";
        return (wrong, notification) switch
        {
            (null, true) => new LineVerdict(LineAction.Forward),
            (null, false) => new LineVerdict(LineAction.ForwardRequest),
            (_, true) => Ignored(wrong),
            _ => Answer(echo, McpErrorCode.InvalidParams, wrong),
        };
    }

    /// <summary>Null when <c>jsonrpc</c> is "2.0"; else what is wrong with it.</summary>
    private static string? Version(JsonElement message)
    {
        if (!message.TryGetProperty("jsonrpc", out var version))
        {
            return "'jsonrpc' must be \"2.0\"; it is missing";
        }

        if (version.ValueKind == JsonValueKind.String && version.ValueEquals("2.0"))
        {
            return null;
        }

        var shown = version.ValueKind == JsonValueKind.String ? version.GetRawText() : RequestArguments.Describe(version);
        return $"'jsonrpc' must be \"2.0\", not {(shown.Length > 40 ? shown[..40] + "..." : shown)}";
    }

    private static string? RequestProblem(string method, JsonElement parameters)
    {
        var wrong = method switch
        {
            RequestMethods.ToolsCall => ToolCallProblem(parameters),
            RequestMethods.ResourcesRead => Field(parameters, "uri", JsonValueKind.String, required: true),
            RequestMethods.Initialize => Field(parameters, "protocolVersion", JsonValueKind.String, required: true)
                ?? Field(parameters, "capabilities", JsonValueKind.Object, required: true)
                ?? Field(parameters, "clientInfo", JsonValueKind.Object, required: true),
            _ => null,
        };
        return wrong ?? (RequestParams.TryGetValue(method, out var type) ? Unreadable(method, parameters, type) : null);
    }

    private static string? ToolCallProblem(JsonElement parameters) =>
        Field(parameters, "name", JsonValueKind.String, required: true) ?? Field(parameters, "arguments", JsonValueKind.Object, required: false);

    private static string? NotificationProblem(string method, JsonElement parameters) =>
        NotificationParams.TryGetValue(method, out var type)
            ? Unreadable(method, parameters, type)
            : $"'{method}' is not a notification this server takes";

    /// <summary>Null when <paramref name="parameters"/> reads as the SDK's <paramref name="type"/>; else where it does not.</summary>
    private static string? Unreadable(string method, JsonElement parameters, Type type)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            _ = parameters.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(type));
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // The exception's own message names .NET types; only its path is for the client.
            var path = (e as JsonException)?.Path is { Length: > 1 } at && at.StartsWith('$') ? "params" + at[1..] : "params";
            return $"'{path}' is not what {method} takes: a value there is of the wrong kind, or one it needs is missing";
        }
    }

    private static string? Field(JsonElement parameters, string name, JsonValueKind kind, bool required)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? $"'params.{name}' is required" : null;
        }

        return value.ValueKind == kind
            ? null
            : $"'params.{name}' must be {(kind == JsonValueKind.String ? "a string" : "an object")}, not {RequestArguments.Describe(value)}";
    }

    /// <summary>
    /// The first thing in <paramref name="element"/> that no reader can take: a
    /// name given twice, text with a lone surrogate, nesting too deep.
    /// </summary>
    /// <param name="element">The value to look into.</param>
    /// <param name="path">Where <paramref name="element"/> is, by names (no array indexes); empty at the top.</param>
    /// <param name="item">Its place in an array (from 1), if it is in one.</param>
    /// <param name="depth">How deep it is in the message (the message is 1).</param>
    /// <param name="top">What the top is called in sentences: <c>the message</c>, <c>the arguments</c>.</param>
    /// <param name="isToolCall">The message is a tool call, whose arguments are walked on their own.</param>
    private static Problem? Walk(JsonElement element, string path, int? item, int depth, string top, bool isToolCall)
    {
        var where = item is { } number ? $"item {number} of {Name(path, top)}" : Name(path, top);
        if (depth > MaxNesting)
        {
            return new Problem(path, $"{Name(path, top)} is nested more than {MaxNesting} levels deep");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return new Problem(path, $"a name in {where} is not valid Unicode text: it holds a lone surrogate");
                    }

                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (!names.Add(name))
                    {
                        return new Problem(child, $"'{child}' is given twice");
                    }

                    if (!(isToolCall && child == "params.arguments") && Walk(property.Value, child, null, depth + 1, top, isToolCall) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;

            case JsonValueKind.Array:
                var index = 0;
                foreach (var value in element.EnumerateArray())
                {
                    if (Walk(value, path, ++index, depth + 1, top, isToolCall) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;

            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return new Problem(path, $"{where} is not valid Unicode text: it holds a lone surrogate (an escaped \\uD800-\\uDFFF with no partner)");
                }

            default:
                return null;
        }
    }

    private static string Name(string path, string top) => path.Length == 0 ? top : $"'{path}'";

    private static LineVerdict Ignored(string reason) => new(LineAction.Ignore, $"a notification that cannot be taken ({reason}); ignored, as JSON-RPC forbids answering a notification");

    /// <summary>A JSON-RPC error: its standard title, then the sentence saying what is wrong.</summary>
    private static LineVerdict Answer(string? id, McpErrorCode code, string sentence)
    {
        var title = code switch
        {
            McpErrorCode.ParseError => "Parse error",
            McpErrorCode.InvalidRequest => "Invalid Request",
            _ => "Invalid params",
        };

        return Reply(id, json =>
        {
            json.WriteStartObject("error");
            json.WriteNumber("code", (int)code);
            json.WriteString("message", $"{title}: {sentence}");
            json.WriteEndObject();
        });
    }

    /// <summary>A tool's result with <c>isError</c>, as the tools give for arguments they cannot take.</summary>
    private static LineVerdict ToolError(string id, string sentence) => Reply(id, json =>
    {
        json.WriteStartObject("result");
        json.WriteStartArray("content");
        json.WriteStartObject();
        json.WriteString("type", "text");
        json.WriteString("text", sentence);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteBoolean("isError", true);
        json.WriteEndObject();
    });

    private static LineVerdict Reply(string? id, Action<Utf8JsonWriter> outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            json.WritePropertyName("id");
            json.WriteRawValue(id ?? "null", skipInputValidation: true);
            outcome(json);
            json.WriteEndObject();
        }

        return new LineVerdict(LineAction.Answer, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed record Problem(string Path, string Sentence);
}
