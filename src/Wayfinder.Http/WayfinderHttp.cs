using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Wayfinder.Api;
using Wayfinder.Decisions;
using Wayfinder.Mcp;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Http;

/// <summary>How the HTTP service is run: where it listens and the limits it keeps.</summary>
public sealed record WayfinderHttpOptions
{
    /// <summary>Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Requests one client (by remote address) may make per second before it is told to slow down (429).</summary>
    public int RequestsPerSecondPerClient { get; init; } = 2_000;

    /// <summary>How long a request may take before it is answered 504.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long in-flight requests get to finish when the service is stopped.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>The body of <c>POST /v1/route</c>.</summary>
public sealed record RouteRequest(string? Question, List<string>? Answers);

/// <summary>The body of <c>POST /v1/context</c>.</summary>
public sealed record ContextRequest(string? Question, List<string>? Answers, int? Budget);

/// <summary>Source-generated JSON for the service's own request and reply types.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Disallow, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RouteRequest))]
[JsonSerializable(typeof(ContextRequest))]
[JsonSerializable(typeof(Health))]
public sealed partial class HostingJsonContext : JsonSerializerContext;

/// <summary>The reply of <c>GET /healthz</c>.</summary>
public sealed record Health(string Status, string Pack, int PacksOnDisk);

/// <summary>
/// Wayfinder as a stateless HTTP service (ASP.NET Core minimal API): routing,
/// context, packs and sheets under <c>/v1</c>, health, OpenAPI, MCP over
/// streamable HTTP at <c>/mcp</c> and Prometheus metrics at <c>/metrics</c>.
/// Every reply for bad input is problem+json naming what was wrong.
/// </summary>
public static class WayfinderHttp
{
    /// <summary>The largest request body accepted (413 beyond).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The name of the meter the service's metrics are on.</summary>
    public const string MeterName = "Wayfinder";

    /// <summary>How often a client's token bucket is refilled (with <see cref="WayfinderHttpOptions.RequestsPerSecondPerClient"/> tokens).</summary>
    private static readonly TimeSpan RateLimitPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Builds the service; <c>RunAsync</c> or <c>StartAsync</c> it.</summary>
    public static WebApplication Create(WayfinderService service, WayfinderHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        // A failed start (an address in use) is reported by the caller in one sentence, not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, HostingJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, WayfinderJson.TypeInfoResolver);
        });
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(provider => new Metrics(provider.GetRequiredService<IMeterFactory>().Create(MeterName)));
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Partitioned by the client's address itself: no key string is made per request.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress ?? IPAddress.None,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestsPerSecondPerClient,
                    TokensPerPeriod = options.RequestsPerSecondPerClient,
                    ReplenishmentPeriod = RateLimitPeriod,
                    QueueLimit = 0,
                }));
            o.OnRejected = (context, token) =>
            {
                // When the bucket holds a token again, as the limiter reckons it, in whole seconds (at least one).
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : RateLimitPeriod;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problem(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"more than {options.RequestsPerSecondPerClient} requests per second from this client; slow down").ExecuteAsync(context.HttpContext));
            };
        });
        builder.Services.AddOpenApi();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(MeterName).AddPrometheusExporter());
        var mcp = WayfinderMcp.CreateOptions(service);
        builder.Services.AddMcpServer(o =>
        {
            o.ServerInfo = mcp.ServerInfo;
            o.ServerInstructions = mcp.ServerInstructions;
            o.Capabilities = mcp.Capabilities;
            o.Handlers = mcp.Handlers;
        }).WithHttpTransport(o => o.Stateless = true);

        var app = builder.Build();
        // Bodiless errors from the framework (an unknown route, a wrong method, a body that is not JSON) still say what was wrong.
        app.UseStatusCodePages(async pages =>
        {
            var context = pages.HttpContext;
            var detail = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"nothing at {context.Request.Method} {context.Request.Path}; the API is POST /v1/route, POST /v1/context, GET /v1/packs, GET /v1/packs/{{pack}}/sheets/{{sheet}}, GET /healthz, /openapi/v1.json, /mcp, /metrics",
                StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
                StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(context),
                _ => null,
            };
            await Problem(context, context.Response.StatusCode, detail ?? "").ExecuteAsync(context).ConfigureAwait(false);
        });
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        app.MapPost("/v1/route", RouteAsync).WithName("Route").WithSummary("Route a question to the sheets to read, in order, or the question to ask first.")
            .Accepts<RouteRequest>("application/json").Produces<Decision>().ProducesProblem(400).ProducesProblem(413);

        app.MapPost("/v1/context", ContextAsync).WithName("Context").WithSummary("Route a question, then give the sections of the routed sheets that best answer it under a token budget.")
            .Accepts<ContextRequest>("application/json").Produces<Context.ContextResult>().ProducesProblem(400).ProducesProblem(413);

        app.MapGet("/v1/packs", () => Results.Text(WayfinderJson.Serialize(service.PackInfos), "application/json"))
            .WithName("Packs").WithSummary("The routing pack, the packs it hands off to, and the packs loaded from disk.").Produces<List<PackInfo>>();

        app.MapGet("/v1/packs/{pack}/sheets/{sheet}", (string pack, string sheet, string? section) =>
            Results.Text(WayfinderJson.Serialize(service.Open($"{pack}/{sheet}", section)), "application/json"))
            .WithName("Sheet").WithSummary("A sheet of a pack on disk as its sections, or one section (?section=heading).")
            .Produces<List<Context.ContextSection>>().ProducesProblem(404);

        app.MapGet("/healthz", () => Results.Json(new Health("ok", service.Router.Pack.Id, service.Library.Packs.Length), HostingJsonContext.Default.Health))
            .WithName("Health").WithSummary("Whether the service is up, and what it serves.");

        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapMcp("/mcp");

        // Anything the handlers refuse becomes problem+json naming what was wrong, never a stack trace.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (WayfinderError e) when (!context.Response.HasStarted)
            {
                await Problem(context, StatusOf(e.Kind), e.Message).ExecuteAsync(context).ConfigureAwait(false);
            }
        });

        return app;
    }

    /// <summary>The HTTP status of each kind of request Wayfinder could not carry out.</summary>
    public static int StatusOf(WayfinderErrorKind kind) => kind switch
    {
        WayfinderErrorKind.NotFound => StatusCodes.Status404NotFound,
        WayfinderErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    private static async Task<IResult> RouteAsync(HttpContext context, WayfinderService service, Metrics metrics, CancellationToken cancel)
    {
        var (body, problem) = await ReadAsync(context, cancel).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var request = Arguments(body!);
            var started = Stopwatch.GetTimestamp();
            var decision = service.Route(request);
            metrics.Record(decision, Stopwatch.GetElapsedTime(started));
            return Results.Text(WayfinderJson.Serialize(decision), "application/json");
        }
    }

    private static async Task<IResult> ContextAsync(HttpContext context, WayfinderService service, CancellationToken cancel)
    {
        var (body, problem) = await ReadAsync(context, cancel).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var request = Arguments(body!);
            return Results.Text(WayfinderJson.Serialize(service.Context(request)), "application/json");
        }
    }

    /// <summary>
    /// Reads a JSON body, or says what is wrong with it: 415 not sent as JSON,
    /// 413 too large, 400 not UTF-8, not JSON, or null. What the body holds is
    /// the service's to judge (<see cref="RequestArguments"/>).
    /// </summary>
    private static async Task<(JsonDocument? Body, IResult? Problem)> ReadAsync(HttpContext context, CancellationToken cancel)
    {
        // The endpoint's Accepts turns away other media types, but not a body sent with none.
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problem(context, StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaType(context)));
        }

        using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 0, MaxBodyBytes));
        try
        {
            await context.Request.Body.CopyToAsync(buffer, cancel).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problem(context, StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes / 1024} KB"));
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (RequestArguments.Utf8Problem(bytes.Span) is { } encoding)
        {
            return (null, Problem(context, StatusCodes.Status400BadRequest, $"the body is {encoding}"));
        }

        JsonDocument body;
        try
        {
            // The document reads the buffer in place; a disposed MemoryStream leaves its buffer as it was.
            body = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return (null, Problem(context, StatusCodes.Status400BadRequest, $"the body is not the JSON expected: {FirstSentence(e.Message)}"));
        }

        if (body.RootElement.ValueKind == JsonValueKind.Null)
        {
            body.Dispose();
            return (null, Problem(context, StatusCodes.Status400BadRequest, "the body is empty or null; send a JSON object such as {\"question\": \"...\"}"));
        }

        return (body, null);
    }

    /// <summary>A body's properties, for the service to judge; its messages call them properties of "the request".</summary>
    private static RequestArguments Arguments(JsonDocument body) => RequestArguments.FromObject(body.RootElement, "property", "the request");

    private static string UnsupportedMediaType(HttpContext context) => context.Request.ContentType is { Length: > 0 } type
        ? $"send the body as application/json, not {type}"
        : "the body came with no Content-Type; send the body as application/json";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private static IResult Problem(HttpContext context, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, instance: context.Request.Path);

    /// <summary>The service's instruments: route latency, decisions by status, clarifications, hand-offs, questions with no signal.</summary>
    internal sealed class Metrics
    {
        private readonly Histogram<double> _latency;
        private readonly Counter<long> _decisions;
        private readonly Counter<long> _clarifications;
        private readonly Counter<long> _handoffs;
        private readonly Counter<long> _noSignal;

        /// <param name="meter">Owned by the service's meter factory, which disposes of it with the service.</param>
        public Metrics(Meter meter)
        {
            _latency = meter.CreateHistogram<double>("wayfinder.route.duration", "ms", "Time to route one question.");
            _decisions = meter.CreateCounter<long>("wayfinder.decisions", description: "Decisions, by status.");
            _clarifications = meter.CreateCounter<long>("wayfinder.clarifications", description: "Decisions that ask a clarifying question, by question.");
            _handoffs = meter.CreateCounter<long>("wayfinder.handoffs", description: "Hand-offs to other packs, by pack.");
            _noSignal = meter.CreateCounter<long>("wayfinder.no_signal", description: "Questions in which nothing pointed at any concern.");
        }

        public void Record(Decision decision, TimeSpan elapsed)
        {
            _latency.Record(elapsed.TotalMilliseconds);
            _decisions.Add(1, new KeyValuePair<string, object?>("status", decision.Status));
            if (decision.Question is { } question)
            {
                _clarifications.Add(1, new KeyValuePair<string, object?>("question", question.Id));
            }

            if (decision.NoSignal)
            {
                _noSignal.Add(1);
            }

            foreach (var handoff in decision.Handoffs)
            {
                _handoffs.Add(1, new KeyValuePair<string, object?>("pack", handoff.Pack));
            }
        }
    }
}
