using System.Text;
using System.Text.Json;
using Wayfinder.Api;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Mcp;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>MCP over JSON-RPC lines, as a script pipes them: the input ends right after the last request.</summary>
public sealed class McpLinesTests
{
    private static readonly WayfinderService Service = new(Routers.BuiltIn, PackLibrary.Load([], []));

    [Fact]
    public async Task Lines_InputClosedBehindTheRequests_EveryRequestIsStillAnswered()
    {
        string[] lines =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"route","arguments":{"question":"my model is too slow"}}}""",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"route","arguments":{"question":"canary rollout with automatic rollback"}}}""",
            "not json",
            """{"jsonrpc":"2.0","id":4,"method":"tools/list"}""",
            """{"jsonrpc":"2.0","id":5,"method":"no/such/method"}""",
        ];
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        using var output = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await WayfinderMcp.RunLinesAsync(Service, input, output, null, timeout.Token);

        var replies = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = replies.Where(r => r.GetProperty("id").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("id").GetInt32()).Order();
        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Single(replies, r => r.GetProperty("id").ValueKind == JsonValueKind.Null && r.GetProperty("error").GetProperty("code").GetInt32() == -32700);
        var canary = replies.Single(r => r.GetProperty("id").ValueKind == JsonValueKind.Number && r.GetProperty("id").GetInt32() == 3);
        Assert.Contains("deployment-strategies", canary.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.False(timeout.IsCancellationRequested);
    }
}
