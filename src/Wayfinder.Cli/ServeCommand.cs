using System.CommandLine;
using Wayfinder.Api;
using Wayfinder.Http;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder serve</c>: the HTTP service, until Ctrl+C or SIGTERM (in-flight requests finish first).</summary>
internal static class ServeCommand
{
    /// <summary>The shortest <c>--timeout</c>, in seconds: a millisecond, the timer's unit.</summary>
    private const double MinTimeout = 0.001;

    /// <summary>The longest <c>--timeout</c>, in seconds: a day; a request still running then is not coming back.</summary>
    private const double MaxTimeout = 86_400;

    public static Command Create(Lazy<Router> builtIn, TextWriter stderr)
    {
        // The service's defaults are its options' own: stated once, in WayfinderHttpOptions.
        var defaults = new WayfinderHttpOptions();
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. defaults.Urls],
        };
        var rate = new Option<int>("--rate-limit")
        {
            Description = "Requests per second one client may make before it gets 429.",
            DefaultValueFactory = _ => defaults.RequestsPerSecondPerClient,
        }.WholeNumber(1, int.MaxValue);
        var timeout = new Option<double>("--timeout")
        {
            Description = $"Seconds a request may take before it gets 504, from {MinTimeout} to {MaxTimeout}.",
            DefaultValueFactory = _ => defaults.RequestTimeout.TotalSeconds,
        }.Seconds(MinTimeout, MaxTimeout);
        var pack = PackLoading.PackOption();
        var packs = PackLoading.PacksOption();
        var command = new Command("serve", "Serve the HTTP API: POST /v1/route and /v1/context, GET /v1/packs and /v1/packs/{pack}/sheets/{sheet}, /healthz, /openapi/v1.json, MCP at /mcp and Prometheus metrics at /metrics. Stops gracefully on Ctrl+C or SIGTERM.")
        {
            urls, rate, timeout, pack, packs,
        };
        command.SetAction(parsed =>
        {
            var options = new WayfinderHttpOptions
            {
                Urls = parsed.GetValue(urls) ?? [],
                RequestsPerSecondPerClient = parsed.GetValue(rate),
                RequestTimeout = TimeSpan.FromSeconds(parsed.GetValue(timeout)),
            };
            return Run(PackLoading.Service(builtIn, parsed.GetValue(pack) ?? [], parsed.GetValue(packs) ?? [], stderr), options, stderr);
        });
        return command;
    }

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
