using System.Text;
using System.Text.Json;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>
/// A file of malformed MCP messages, one a line, each with what the stdio
/// server owes it: a JSON-RPC error (with the line's id, or a null id when the
/// id itself is unusable), a tool result with <c>isError</c>, or, where
/// JSON-RPC forbids a reply (a notification, a stray reply), a reason logged.
/// </summary>
internal static class MalformedMcpLines
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;

    /// <summary>What a line is owed.</summary>
    public abstract record Owed;

    /// <summary>A JSON-RPC error of <paramref name="Code"/> whose id is <paramref name="Id"/> (raw JSON; null for a null id).</summary>
    public sealed record Error(string? Id, int Code) : Owed;

    /// <summary>A tool result with <c>isError</c> whose id is <paramref name="Id"/>.</summary>
    public sealed record ToolError(string Id) : Owed;

    /// <summary>No reply; a logged reason naming the line.</summary>
    public sealed record Logged : Owed;

    /// <summary>The handshake before the malformed lines (lines 1 and 2), and the call after them that shows the server still serves.</summary>
    public const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}""";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    public const string StillServing = """{"jsonrpc":"2.0","id":999,"method":"tools/call","params":{"name":"route","arguments":{"question":"canary rollout"}}}""";

    private static readonly string Deep = new string('[', 40) + new string(']', 40);

    public static readonly IReadOnlyList<(byte[] Line, Owed Owed)> Lines =
    [
        // Batches and messages that are not request objects.
        (L("""[{"jsonrpc":"2.0","id":101,"method":"tools/list"}]"""), new Error(null, InvalidRequest)),
        (L("""[{"jsonrpc":"2.0","id":102,"method":"tools/list"},{"jsonrpc":"2.0","method":"notifications/initialized"}]"""), new Error(null, InvalidRequest)),
        (L("[]"), new Error(null, InvalidRequest)),
        (L("{}"), new Error(null, InvalidRequest)),
        (L("\"hello\""), new Error(null, InvalidRequest)),
        (L("42"), new Error(null, InvalidRequest)),
        (L("null"), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":150,"""), new Error(null, ParseError)),
        ([.. L("""{"jsonrpc":"2.0","id":151,"method":"tools/list","params":{"cursor":" """), 0xFF, 0xFE, .. L("\"}}")], new Error(null, ParseError)),

        // Ids that cannot be echoed.
        (L("""{"jsonrpc":"2.0","id":{"n":104},"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":[105],"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":true,"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":1e400,"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":null,"method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":"s\ud800","method":"tools/list"}"""), new Error(null, InvalidRequest)),
        (L("""{"jsonrpc":"2.0","method":5,"params":"bar"}"""), new Error(null, InvalidRequest)),

        // Envelopes that are not JSON-RPC 2.0 requests.
        (L("""{"id":123,"method":"tools/list"}"""), new Error("123", InvalidRequest)),
        (L("""{"jsonrpc":"1.0","id":124,"method":"tools/list"}"""), new Error("124", InvalidRequest)),
        (L("""{"jsonrpc":2,"id":125,"method":"tools/list"}"""), new Error("125", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":138}"""), new Error("138", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":139,"method":5}"""), new Error("139", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":"s-140","method":["tools/list"]}"""), new Error("\"s-140\"", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":121,"method":"tools/\ud800"}"""), new Error("121", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":147,"method":"tools/list","method":"tools/call"}"""), new Error("147", InvalidRequest)),
        (L("""{"jsonrpc":"2.0","id":126,"method":"no/such/method"}"""), new Error("126", MethodNotFound)),

        // Params that are not what the method takes.
        (L("""{"jsonrpc":"2.0","id":110,"method":"tools/call","params":"route"}"""), new Error("110", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":111,"method":"tools/list","params":5}"""), new Error("111", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":112,"method":"tools/call","params":["route"]}"""), new Error("112", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":113,"method":"tools/call","params":{"name":"route","arguments":"my model is slow"}}"""), new Error("113", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":114,"method":"tools/call","params":{"name":"route","arguments":["x"]}}"""), new Error("114", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":115,"method":"tools/call","params":{"name":5,"arguments":{}}}"""), new Error("115", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":116,"method":"tools/call","params":{"arguments":{"question":"x"}}}"""), new Error("116", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":117,"method":"tools/call"}"""), new Error("117", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":155,"method":"tools/call","params":null}"""), new Error("155", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":122,"method":"tools/call","params":{"name":"rou\ud800te","arguments":{}}}"""), new Error("122", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":127,"method":"tools/call","params":{"name":"reroute","arguments":{}}}"""), new Error("127", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":148,"method":"initialize","params":{"protocolVersion":5,"capabilities":"all","clientInfo":{}}}"""), new Error("148", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":149,"method":"resources/read","params":{"uri":5}}"""), new Error("149", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":152,"method":"tools/list","params":{"cursor":5}}"""), new Error("152", InvalidParams)),
        (L("""{"jsonrpc":"2.0","id":137,"method":"tools/call","params":{"name":"route","arguments":{"question":""" + Deep + "}}}"), new ToolError("137")),
        (L("""{"jsonrpc":"2.0","id":156,"method":"tools/call","params":{"name":"route","arguments":{"question":"a","question":"b"}}}"""), new ToolError("156")),

        // Tool arguments the tool cannot take.
        (L("""{"jsonrpc":"2.0","id":118,"method":"tools/call","params":{"name":"route","arguments":{"question":"\ud800"}}}"""), new ToolError("118")),
        (L("""{"jsonrpc":"2.0","id":119,"method":"tools/call","params":{"name":"route","arguments":{"question":"x","answers":["ok","\udfff"]}}}"""), new ToolError("119")),
        (L("""{"jsonrpc":"2.0","id":128,"method":"tools/call","params":{"name":"route","arguments":{"question":"x","foo":1}}}"""), new ToolError("128")),
        (L("""{"jsonrpc":"2.0","id":129,"method":"tools/call","params":{"name":"list_packs","arguments":{"verbose":true}}}"""), new ToolError("129")),
        (L("""{"jsonrpc":"2.0","id":130,"method":"tools/call","params":{"name":"route","arguments":{"question":5}}}"""), new ToolError("130")),
        (L("""{"jsonrpc":"2.0","id":131,"method":"tools/call","params":{"name":"context","arguments":{"question":"x","budget":"lots"}}}"""), new ToolError("131")),
        (L("""{"jsonrpc":"2.0","id":132,"method":"tools/call","params":{"name":"context","arguments":{"question":"x","budget":1e400}}}"""), new ToolError("132")),
        (L("""{"jsonrpc":"2.0","id":133,"method":"tools/call","params":{"name":"context","arguments":{"question":"x","budget":99999999999999999999}}}"""), new ToolError("133")),
        (L("""{"jsonrpc":"2.0","id":134,"method":"tools/call","params":{"name":"route","arguments":{"question":"x","answers":"inference"}}}"""), new ToolError("134")),
        (L("""{"jsonrpc":"2.0","id":135,"method":"tools/call","params":{"name":"open_sheet","arguments":{"sheet":{"pack":"x"}}}}"""), new ToolError("135")),
        (L("""{"jsonrpc":"2.0","id":136,"method":"tools/call","params":{"name":"route","arguments":{"question":{"a":[[[{"b":null}]]]}}}}"""), new ToolError("136")),
        (L("""{"jsonrpc":"2.0","id":"s-141","method":"tools/call","params":{"name":"route","arguments":{}}}"""), new ToolError("\"s-141\"")),

        // Notifications and stray replies: JSON-RPC forbids answering them.
        (L("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":"x"}"""), new Logged()),
        (L("""{"jsonrpc":"1.0","method":"notifications/initialized"}"""), new Logged()),
        (L("""{"method":"notifications/initialized"}"""), new Logged()),
        (L("""{"jsonrpc":"2.0","method":"notifications/nothing"}"""), new Logged()),
        (L("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"\ud800"}}"""), new Logged()),
        (L("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":{},"progress":"half"}}"""), new Logged()),
        (L("""{"jsonrpc":"2.0","id":145,"result":{}}"""), new Logged()),
        (L("""{"jsonrpc":"2.0","id":146,"error":{"code":1,"message":"x"}}"""), new Logged()),
    ];

    /// <summary>The whole file: the handshake, the malformed lines, then a call that must still be served.</summary>
    public static byte[] File()
    {
        var file = new List<byte>();
        foreach (var line in new[] { L(Initialize), L(Initialized) }.Concat(Lines.Select(l => l.Line)).Append(L(StillServing)))
        {
            file.AddRange(line);
            file.Add((byte)'\n');
        }

        return [.. file];
    }

    /// <summary>The line number of the <paramref name="index"/>th malformed line in <see cref="File"/>.</summary>
    public static int LineNumber(int index) => index + 3;

    /// <summary>
    /// Asserts that every malformed line got what it is owed, and nothing more:
    /// each id its one reply, each unusable id a reply with a null id, each
    /// notification a logged reason naming its line; no error is the bare
    /// "An error occurred."; and the server still served the call after them.
    /// </summary>
    public static void AssertEachLineAnswered(IReadOnlyList<JsonElement> replies, string log)
    {
        var byId = replies.Where(r => r.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
            .GroupBy(r => r.GetProperty("id").GetRawText()).ToDictionary(g => g.Key, g => g.ToList());
        var nullIds = replies.Where(r => !r.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null).ToList();

        for (var i = 0; i < Lines.Count; i++)
        {
            var (line, owed) = Lines[i];
            var shown = $"line {LineNumber(i)} ({Encoding.UTF8.GetString(line)})";
            switch (owed)
            {
                case Error { Id: { } id } error:
                    var reply = Assert.Single(Assert.Contains(id, (IDictionary<string, List<JsonElement>>)byId));
                    Assert.True(reply.TryGetProperty("error", out var body), $"{shown}: expected an error, got {reply}");
                    Assert.True(error.Code == body.GetProperty("code").GetInt32(), $"{shown}: expected {error.Code}, got {reply}");
                    break;
                case ToolError { Id: var id }:
                    var result = Assert.Single(Assert.Contains(id, (IDictionary<string, List<JsonElement>>)byId));
                    Assert.True(result.TryGetProperty("result", out var toolResult) && toolResult.TryGetProperty("isError", out var isError) && isError.GetBoolean(), $"{shown}: expected isError, got {result}");
                    Assert.False(string.IsNullOrWhiteSpace(toolResult.GetProperty("content")[0].GetProperty("text").GetString()));
                    break;
                case Logged:
                    Assert.True(log.Contains($"line {LineNumber(i)}:", StringComparison.Ordinal), $"{shown}: no reason logged; the log was:\n{log}");
                    break;
            }
        }

        var nullIdsOwed = Lines.Where(l => l.Owed is Error { Id: null }).Select(l => ((Error)l.Owed).Code).Order();
        Assert.Equal(nullIdsOwed, nullIds.Select(r => r.GetProperty("error").GetProperty("code").GetInt32()).Order());

        // Nothing answered that JSON-RPC says must not be, and nothing answered twice.
        var idsOwed = Lines.Select(l => l.Owed switch { Error e => e.Id, ToolError t => t.Id, _ => null }).OfType<string>().Append("1").Append("999");
        Assert.Equal(idsOwed.Order(StringComparer.Ordinal), byId.Keys.Order(StringComparer.Ordinal));
        Assert.All(byId.Values, r => Assert.Single(r));

        foreach (var reply in replies.Where(r => r.TryGetProperty("error", out _)))
        {
            var message = reply.GetProperty("error").GetProperty("message").GetString();
            Assert.False(string.IsNullOrWhiteSpace(message), $"an error without a message: {reply}");
            Assert.NotEqual("An error occurred.", message);
        }

        var served = byId["999"].Single().GetProperty("result");
        Assert.False(served.TryGetProperty("isError", out var servedError) && servedError.GetBoolean());
        Assert.Contains("deployment-strategies", served.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static byte[] L(string line) => Encoding.UTF8.GetBytes(line);
}
