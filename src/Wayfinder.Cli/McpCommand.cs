using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Wayfinder.Api;
using Wayfinder.Mcp;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder mcp</c>: an MCP server on this process's standard input and output, until the input ends.</summary>
internal static class McpCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stderr)
    {
        var pack = PackLoading.PackOption();
        var packs = PackLoading.PacksOption();
        var command = new Command("mcp", "Serve MCP over standard input and output for an agent: the tools route, context, open_sheet and list_packs, and each loaded sheet as a resource wayfinder://PACK/SHEET. Logs go to stderr.")
        {
            pack, packs,
        };

        // Packs on disk are optional: routing needs none; context, open_sheet and resources read them.
        command.SetAction(parsed => Run(PackLoading.Service(builtIn, parsed.GetValue(pack) ?? [], parsed.GetValue(packs) ?? [], stderr), stderr));
        return command;
    }

    public static int Run(WayfinderService service, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // Warnings, such as why a notification was dropped unanswered, one a line on stderr: stdout carries the protocol.
        using (var logging = LoggerFactory.Create(b => b
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning)))
        {
            try
            {
                WayfinderMcp.RunStdioAsync(service, logging, stop.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a clean stop.
            }
        }

        stderr.WriteLine("wayfinder: MCP server stopped");
        return WayfinderCommand.Ok;
    }
}
