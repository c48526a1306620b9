using Wayfinder.Api;
using Wayfinder.Http;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder serve</c>: the HTTP service, until Ctrl+C or SIGTERM (in-flight requests finish first).</summary>
internal static class ServeCommand
{
    public static int Run(WayfinderService service, WayfinderHttpOptions options, TextWriter stderr)
    {
        try
        {
            var app = WayfinderHttp.Create(service, options);
            app.RunAsync().GetAwaiter().GetResult();
            return WayfinderCommand.Ok;
        }
        catch (IOException e)
        {
            // Most often the address is taken.
            return WayfinderCommand.Usage(stderr, $"cannot listen on {string.Join(", ", options.Urls)}: {e.Message}");
        }
    }
}
