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

        try
        {
            WayfinderMcp.RunStdioAsync(service, null, stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: a clean stop.
        }

        stderr.WriteLine("wayfinder: MCP server stopped");
        return WayfinderCommand.Ok;
    }
}
