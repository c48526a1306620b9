using System.Diagnostics;
using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary><c>wayfinder mcp</c> as a real subprocess, spoken to in raw JSON-RPC lines over its standard input and output.</summary>
public sealed class McpStdioTests
{
    private static ProcessStartInfo Mcp()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(WayfinderCommand).Assembly.Location, "mcp", "--packs", SharedPacks.Directory })
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>With --packs, the server routes across the packs it loaded once, as the library does.</summary>
    private static readonly Lazy<Wayfinder.Marketplace.MarketRouter> Market = new(() =>
        new Wayfinder.Marketplace.MarketRouter(Wayfinder.Library.PackLibrary.Load([], [SharedPacks.Directory]).Packs, Routers.BuiltIn));

    [Fact]
    public async Task Mcp_OverStdio_AnswersEachRequestByIdAndGarbageWithAParseError()
    {
        using var process = Process.Start(Mcp())!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            string[] requests =
            [
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}""",
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
                """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""",
                "this is not json {",
                """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"route","arguments":{"question":"my model is too slow"}}}""",
                """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"no-such-tool","arguments":{}}}""",
                """{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"wayfinder://yzmir-ml-production/deployment-strategies"}}""",
                """{"jsonrpc":"2.0","id":6,"method":"no/such/method"}""",
                """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"route","arguments":{"question":"canary rollout"}}}""",
            ];
            foreach (var request in requests)
            {
                await process.StandardInput.WriteLineAsync(request.AsMemory(), timeout.Token);
            }

            await process.StandardInput.FlushAsync(timeout.Token);

            var replies = new Dictionary<int, JsonElement>();
            var unnumbered = new List<JsonElement>();
            while (replies.Count < 7 || unnumbered.Count < 1)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the server closed its output early");
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
                {
                    replies[id.GetInt32()] = doc.RootElement.Clone();
                }
                else
                {
                    unnumbered.Add(doc.RootElement.Clone());
                }
            }

            var parseError = Assert.Single(unnumbered).GetProperty("error");
            Assert.Equal(-32700, parseError.GetProperty("code").GetInt32());
            Assert.Contains("this is not json {", parseError.GetProperty("message").GetString(), StringComparison.Ordinal);

            Assert.Equal("wayfinder", replies[1].GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
            Assert.Equal(4, replies[2].GetProperty("result").GetProperty("tools").GetArrayLength());
            Assert.Equal(
                WayfinderJson.Serialize(Market.Value.Route("my model is too slow", [])),
                replies[3].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            Assert.Equal(-32602, replies[4].GetProperty("error").GetProperty("code").GetInt32());
            Assert.StartsWith("# ", replies[5].GetProperty("result").GetProperty("contents")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal(-32601, replies[6].GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal(
                WayfinderJson.Serialize(Market.Value.Route("canary rollout", [])),
                replies[7].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("internal error", await stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_OverStdio_AFileOfMalformedMessages_EachIsAnsweredByIdOrItsReasonIsOnStderr()
    {
        using var process = Process.Start(Mcp())!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);

        // As `wayfinder mcp < malformed.jsonl` does: the whole file, then the end of the input.
        await process.StandardInput.BaseStream.WriteAsync(MalformedMcpLines.File(), timeout.Token);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
        }

        var replies = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(0, process.ExitCode);
        MalformedMcpLines.AssertEachLineAnswered(replies, await stderr);
    }
}
