using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>
/// A marketplace holding a sheet nested 128 deep and a FIFO named like a
/// sheet, beside good packs: every host still starts, serves the good packs,
/// and reports each bad file once.
/// </summary>
public sealed class HostileMarketplaceTests : IDisposable
{
    private readonly SheetFixture _market = SheetFixture.Standard();

    public HostileMarketplaceTests()
    {
        var skill = "yzmir-ml-production/skills/using-ml-production";
        _market.Write($"{skill}/deep.md", "# Deep\n\n" + new string('>', 128) + " text\n");
        Posix.MakeFifo(Path.Combine(_market.Root, skill.Replace('/', Path.DirectorySeparatorChar), "pipe.md"));
    }

    public void Dispose() => _market.Dispose();

    private static void OneLineEach(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains("deep.md", StringComparison.Ordinal) && l.Contains("nested more than", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("pipe.md", StringComparison.Ordinal) && l.Contains("named pipe", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("internal error", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_PacksContextAndLint_LoadEverythingElse()
    {
        var packs = Tests.Cli.Cli.Run(["packs", "--packs", _market.Root, "--json"]);
        Assert.Equal(WayfinderCommand.Ok, packs.ExitCode);
        OneLineEach(packs.Err);
        using var listing = JsonDocument.Parse(packs.Out);
        var ml = Assert.Single(listing.RootElement.EnumerateArray(), p => p.GetProperty("id").GetString() == "yzmir-ml-production");
        Assert.True(ml.GetProperty("onDisk").GetBoolean());

        var context = Tests.Cli.Cli.Run(["context", "how do I set up dynamic batching for model serving", "--packs", _market.Root, "--json"]);
        Assert.Equal(WayfinderCommand.Ok, context.ExitCode);
        OneLineEach(context.Err);
        Assert.Contains("Dynamic batching", context.Out, StringComparison.Ordinal);

        var lint = Tests.Cli.Cli.Run(["lint", _market.Root]);
        Assert.Single(lint.OutLines, l => l.Contains("deep.md", StringComparison.Ordinal));
        Assert.Single(lint.OutLines, l => l.Contains("pipe.md", StringComparison.Ordinal));
        Assert.Contains(lint.OutLines, l => l.StartsWith("2 packs, 3 sheets", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_RoutePackInferAndOpen_InASkillFolderHoldingBoth_AnswerAndReportEachOnce()
    {
        var skill = Path.Combine(_market.Root, "yzmir-ml-production", "skills", "using-ml-production");

        var route = Tests.Cli.Cli.Run(["route", "how do I set up dynamic batching for model serving", "--pack", skill]);
        Assert.Equal(WayfinderCommand.Ok, route.ExitCode);
        OneLineEach(route.Err);

        var infer = Tests.Cli.Cli.Run(["infer", skill]);
        Assert.Equal(WayfinderCommand.Ok, infer.ExitCode);
        OneLineEach(infer.Err);

        var open = Tests.Cli.Cli.Run(["open", "yzmir-ml-production/model-serving-patterns", "--packs", _market.Root]);
        Assert.Equal(WayfinderCommand.Ok, open.ExitCode);
        Assert.Contains("Dynamic batching", open.Out, StringComparison.Ordinal);
        OneLineEach(open.Err);
    }

    [Fact]
    public async Task Serve_Listens_AndServesTheGoodPacks()
    {
        var port = FreePort();
        using var server = Start("serve", "--urls", $"http://127.0.0.1:{port}", "--packs", _market.Root);
        var stderr = server.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            string? sheet = null;
            for (var attempt = 0; attempt < 300 && sheet is null && !server.HasExited; attempt++)
            {
                try
                {
                    var response = await http.GetAsync(new Uri("/v1/packs/yzmir-ml-production/sheets/model-serving-patterns", UriKind.Relative));
                    sheet = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            Assert.NotNull(sheet);
            Assert.Contains("Dynamic batching", sheet, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        OneLineEach(await stderr);
    }

    [Fact]
    public async Task Mcp_Starts_AndListsTheGoodPacks()
    {
        using var server = Start("mcp", "--packs", _market.Root);
        var stderr = server.StandardError.ReadToEndAsync();
        string[] requests =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"tests","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"wayfinder://yzmir-ml-production/model-serving-patterns"}}""",
        ];
        foreach (var request in requests)
        {
            await server.StandardInput.WriteLineAsync(request);
        }

        server.StandardInput.Close();
        var output = await server.StandardOutput.ReadToEndAsync();
        await server.WaitForExitAsync();

        var replies = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var read = Assert.Single(replies, r => r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt32() == 2);
        Assert.Contains("Dynamic batching", read.GetProperty("result").ToString(), StringComparison.Ordinal);
        OneLineEach(await stderr);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(WayfinderCommand).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
