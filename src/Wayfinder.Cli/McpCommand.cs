using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Wayfinder.Api;
using Wayfinder.Mcp;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder mcp</c>: an MCP server on this process's standard input and output, until the input ends.</summary>
internal static class McpCommand
{
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
