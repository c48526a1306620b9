using System.Text;
using System.Text.Json;
using Wayfinder.Api;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Mcp;
using Xunit;
using static Wayfinder.Core.Tests.Hosts.MalformedMcpLines;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>
/// MCP over JSON-RPC lines, fed malformed messages: each is answered with an
/// error (or a tool error) saying what is wrong, or, when JSON-RPC forbids a
/// reply, its reason is logged. None is dropped in silence.
/// </summary>
public sealed class McpMalformedTests
{
    private static readonly WayfinderService Service = new(Routers.BuiltIn, PackLibrary.Load([], []));

    /// <summary>Runs the server over the handshake then <paramref name="lines"/>; the replies after the handshake's, and the warnings logged.</summary>
    private static async Task<(List<JsonElement> Replies, IReadOnlyList<string> Log)> Exchange(params byte[][] lines)
    {
        var file = new List<byte>();
        foreach (var line in new[] { Encoding.UTF8.GetBytes(Initialize), Encoding.UTF8.GetBytes(Initialized) }.Concat(lines))
        {
            file.AddRange(line);
            file.Add((byte)'\n');
        }

        var (replies, log) = await Serve([.. file]);
        return ([.. replies.Where(r => !(r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 1))], log);
    }

    private static Task<(List<JsonElement> Replies, IReadOnlyList<string> Log)> Exchange(string line) => Exchange(Encoding.UTF8.GetBytes(line));

    private static async Task<(List<JsonElement> Replies, IReadOnlyList<string> Log)> Serve(byte[] file)
    {
        using var input = new MemoryStream(file);
        using var output = new MemoryStream();
        using var log = new LogCapture();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await WayfinderMcp.RunLinesAsync(Service, input, output, log, timeout.Token);

        Assert.False(timeout.IsCancellationRequested);
        var replies = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (replies, log.Messages);
    }

    private static JsonElement ErrorOf(JsonElement reply, int code, string? id)
    {
        Assert.Equal(id ?? "null", reply.GetProperty("id").GetRawText());
        var error = reply.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        return error;
    }

    [Fact]
    public async Task Lines_AFileOfMalformedMessages_EachIsAnsweredByIdOrLoggedWithAReason()
    {
        Assert.True(Lines.Count >= 50, $"the file holds {Lines.Count} malformed lines");

        var (replies, log) = await Serve(File());

        AssertEachLineAnswered(replies, string.Join('\n', log));
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":2,"method":"tools/list"}]""", "a batch of 1 message")]
    [InlineData("""[{"jsonrpc":"2.0","id":2,"method":"tools/list"},{"jsonrpc":"2.0","id":3,"method":"tools/list"}]""", "a batch of 2 messages")]
    [InlineData("[]", "an empty batch")]
    public async Task Batch_IsAnInvalidRequestSayingToSendOneMessagePerLine(string line, string says)
    {
        var (replies, _) = await Exchange(line);

        var message = ErrorOf(Assert.Single(replies), InvalidRequest, null).GetProperty("message").GetString();
        Assert.StartsWith("Invalid Request: ", message, StringComparison.Ordinal);
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.Contains("one JSON-RPC message per line", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "no 'method'")]
    [InlineData("\"hello\"", "a JSON-RPC message is a JSON object, not a string")]
    [InlineData("42", "a JSON-RPC message is a JSON object, not the number 42")]
    [InlineData("null", "a JSON-RPC message is a JSON object, not null")]
    [InlineData("""{"jsonrpc":"2.0","method":5,"params":"bar"}""", "'method' must be a string, not the number 5")]
    public async Task NotARequest_IsAnInvalidRequestWithANullId(string line, string says)
    {
        var (replies, _) = await Exchange(line);

        Assert.Contains(says, ErrorOf(Assert.Single(replies), InvalidRequest, null).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"n":1}""", "an object")]
    [InlineData("[7]", "an array")]
    [InlineData("true", "a boolean")]
    [InlineData("1.5", "the number 1.5")]
    [InlineData("1e400", "the number 1e400")]
    [InlineData("99999999999999999999", "the number 99999999999999999999")]
    public async Task UnusableId_IsAnInvalidRequestWithANullIdNamingIt(string id, string described)
    {
        var (replies, _) = await Exchange($$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/list"}""");

        var message = ErrorOf(Assert.Single(replies), InvalidRequest, null).GetProperty("message").GetString();
        Assert.Contains($"'id' must be a string or a whole number, not {described}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullId_IsAnInvalidRequestSayingANotificationHasNone()
    {
        var (replies, _) = await Exchange("""{"jsonrpc":"2.0","id":null,"method":"tools/list"}""");

        Assert.Contains("'id' is null", ErrorOf(Assert.Single(replies), InvalidRequest, null).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":7,"method":"tools/list"}""", "'jsonrpc' must be \"2.0\"; it is missing")]
    [InlineData("""{"jsonrpc":"1.0","id":7,"method":"tools/list"}""", "'jsonrpc' must be \"2.0\", not \"1.0\"")]
    [InlineData("""{"jsonrpc":2,"id":7,"method":"tools/list"}""", "'jsonrpc' must be \"2.0\", not the number 2")]
    [InlineData("""{"jsonrpc":"2.0","id":7}""", "no 'method'")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":["tools/list"]}""", "'method' must be a string, not an array")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/\ud800"}""", "'method' is not valid Unicode text")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list","method":"tools/call"}""", "'method' is given twice")]
    public async Task NotJsonRpc2_IsAnInvalidRequestWithItsIdSayingWhy(string line, string says)
    {
        var (replies, _) = await Exchange(line);

        Assert.Contains(says, ErrorOf(Assert.Single(replies), InvalidRequest, "7").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoneSurrogateInTheId_IsAnInvalidRequestWithANullId()
    {
        var (replies, _) = await Exchange("""{"jsonrpc":"2.0","id":"a\ud800","method":"tools/list"}""");

        Assert.Contains("'id' is not valid Unicode text", ErrorOf(Assert.Single(replies), InvalidRequest, null).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"route"}""", "'params' must be an object, not a string")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":5}""", "'params' must be an object, not the number 5")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":["route"]}""", "'params' must be an object, not an array")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call"}""", "'params.name' is required")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":null}""", "'params.name' is required")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"arguments":{}}}""", "'params.name' is required")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":5,"arguments":{}}}""", "'params.name' must be a string, not the number 5")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"route","arguments":"my model is slow"}}""", "'params.arguments' must be an object, not a string")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"route","arguments":["x"]}}""", "'params.arguments' must be an object, not an array")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"rou\ud800te"}}""", "'params.name' is not valid Unicode text")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":5}}""", "'params.uri' must be a string, not the number 5")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"resources/read","params":{}}""", "'params.uri' is required")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""", "'params.protocolVersion' must be a string, not the number 5")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":"all","clientInfo":{"name":"t","version":"1"}}}""", "'params.capabilities' must be an object, not a string")]
    [InlineData("""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":5}}""", "'params.cursor'")]
    public async Task MalformedParams_AreInvalidParamsNamingTheField(string line, string says)
    {
        var (replies, _) = await Exchange(line);

        var message = ErrorOf(Assert.Single(replies), InvalidParams, "7").GetProperty("message").GetString();
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ModelContextProtocol.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedTooDeep_IsInvalidParamsNamingWhere()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var (replies, _) = await Exchange("""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":""" + deep + "}}");

        var message = ErrorOf(Assert.Single(replies), InvalidParams, "7").GetProperty("message").GetString();
        Assert.Contains("'params.cursor' is nested more than 32 levels deep", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolArgumentNestedTooDeep_IsAToolErrorNamingTheArgument()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var (replies, _) = await Exchange("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"route","arguments":{"question":""" + deep + "}}}");

        var result = Assert.Single(replies).GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("'question' is nested more than 32 levels deep", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"route","arguments":{"question":"\ud800"}}""", "'question' is not valid Unicode text")]
    [InlineData("""{"name":"route","arguments":{"question":"x","answers":["ok","\udfff"]}}""", "item 2 of 'answers' is not valid Unicode text")]
    [InlineData("""{"name":"route","arguments":{"question":"a","question":"b"}}""", "'question' is given twice")]
    [InlineData("""{"name":"route","arguments":{"q\ud800":"a"}}""", "a name in the arguments is not valid Unicode text")]
    [InlineData("""{"name":"route","arguments":{"question":"x","foo":1}}""", "unknown argument 'foo'; route takes question, answers")]
    [InlineData("""{"name":"context","arguments":{"question":"x","budget":1,"depth":2,"answer":[]}}""", "unknown arguments 'answer', 'depth'; context takes question, answers, budget")]
    [InlineData("""{"name":"list_packs","arguments":{"verbose":true}}""", "unknown argument 'verbose'; list_packs takes no arguments")]
    [InlineData("""{"name":"open_sheet","arguments":{"sheet":"a/b","page":2}}""", "unknown argument 'page'; open_sheet takes sheet, section")]
    [InlineData("""{"name":"context","arguments":{"question":"x","budget":1e400}}""", "'budget' must be a whole number, not the number 1e400")]
    [InlineData("""{"name":"route","arguments":{"question":{"a":[[{"b":null}]]}}}""", "'question' must be a string, not an object")]
    [InlineData("""{"name":"route","arguments":{"question":"x","answers":["a",3]}}""", "'answers' must be an array of strings, but item 2 is the number 3")]
    public async Task ToolArgumentErrors_AreToolResultsWithIsErrorNamingTheArgument(string callParams, string says)
    {
        var (replies, _) = await Exchange($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{callParams}}}""");

        var reply = Assert.Single(replies);
        Assert.Equal(7, reply.GetProperty("id").GetInt32());
        var result = reply.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains(says, result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":"x"}""", "'params' must be an object, not a string")]
    [InlineData("""{"jsonrpc":"1.0","method":"notifications/initialized"}""", "'jsonrpc' must be \"2.0\"")]
    [InlineData("""{"method":"notifications/initialized"}""", "'jsonrpc' must be \"2.0\"")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/nothing"}""", "'notifications/nothing' is not a notification this server takes")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"\ud800"}}""", "'params.reason' is not valid Unicode text")]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":"half"}}""", "'params' is not what notifications/progress takes")]
    public async Task InvalidNotification_IsNotAnsweredButItsReasonIsLogged(string line, string says)
    {
        var (replies, log) = await Exchange(line);

        Assert.Empty(replies);
        var reason = Assert.Single(log, m => m.StartsWith("line 3:", StringComparison.Ordinal));
        Assert.Contains(says, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":45,"result":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":45,"error":{"code":1,"message":"x"}}""")]
    public async Task StrayReply_IsNotAnsweredButLogged(string line)
    {
        var (replies, log) = await Exchange(line);

        Assert.Empty(replies);
        Assert.Contains("a reply (id 45) to no request of this server", Assert.Single(log, m => m.StartsWith("line 3:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8_IsAParseErrorSayingSo()
    {
        byte[] line = [.. Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"tools/list","params":{"cursor":"x"""), 0xFF, .. Encoding.UTF8.GetBytes("\"}}")];

        var (replies, _) = await Exchange(line);

        var message = ErrorOf(Assert.Single(replies), ParseError, null).GetProperty("message").GetString();
        Assert.Contains("not valid UTF-8: byte 0xFF at offset 67", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedLines_DoNotStopTheServer()
    {
        var (replies, _) = await Exchange(
            Encoding.UTF8.GetBytes("[]"),
            Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":{},"method":"tools/list"}"""),
            Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"route","arguments":{"question":"canary rollout"}}}"""));

        var served = Assert.Single(replies, r => r.GetProperty("id").ValueKind == JsonValueKind.Number);
        Assert.Contains("deployment-strategies", served.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
