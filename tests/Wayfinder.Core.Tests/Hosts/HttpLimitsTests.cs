using System.Net;
using System.Text;
using System.Text.Json;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Api;
using Wayfinder.Http;
using Wayfinder.Library;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>The service's limits: per-client rate limiting and a graceful stop, each on its own instance.</summary>
public sealed class HttpLimitsTests
{
    private static WayfinderService Service() => new(Routers.BuiltIn, PackLibrary.Empty);

    [Fact]
    public async Task RateLimit_ClientOverItsShare_Gets429ProblemsThenIsServedAgain()
    {
        await using var app = WayfinderHttp.Create(Service(), new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"], RequestsPerSecondPerClient = 5 });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var statuses = new List<HttpStatusCode>();
        string? detail = null;
        for (var i = 0; i < 20; i++)
        {
            using var response = await http.PostAsync(new Uri("/v1/route", UriKind.Relative), new StringContent("""{"question":"canary"}""", Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                detail ??= JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        using var later = await http.PostAsync(new Uri("/v1/route", UriKind.Relative), new StringContent("""{"question":"canary"}""", Encoding.UTF8, "application/json"));
        await app.StopAsync();

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains("more than 5 requests per second", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task RateLimit_429_SaysInRetryAfterWhenTheBucketHasATokenAgain()
    {
        await using var app = WayfinderHttp.Create(Service(), new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"], RequestsPerSecondPerClient = 1 });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var response = await http.PostAsync(new Uri("/v1/route", UriKind.Relative), new StringContent("""{"question":"canary"}""", Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        await app.StopAsync();

        using (refused)
        {
            Assert.NotNull(refused);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            // One token a second: the bucket holds a token again within one replenishment period.
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task Stop_WithARequestInFlight_FinishesItBeforeStopping()
    {
        await using var app = WayfinderHttp.Create(Service(), new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var body = new SlowBody("""{"question":"canary rollout"}""");

        var inFlight = http.PostAsync(new Uri("/v1/route", UriKind.Relative), body);
        await body.Started.Task;

        // The client has sent half the body; give the server time to have begun the request before stopping it.
        await Task.Delay(500);
        var stopping = app.StopAsync();
        body.Finish.SetResult();
        using var response = await inFlight;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("canary rollout")), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Serve_AddressInUse_IsOneSentenceAndAUsageExit()
    {
        await using var app = WayfinderHttp.Create(Service(), new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"] });
        await app.StartAsync();

        var result = Wayfinder.Core.Tests.Cli.Cli.Run(["serve", "--urls", app.Urls.Single()]);
        await app.StopAsync();

        Assert.Equal(Wayfinder.Cli.WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("cannot listen on", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err + result.Out, StringComparison.Ordinal);
    }

    /// <summary>A JSON body sent in two halves, the second only when the test says so.</summary>
    private sealed class SlowBody : HttpContent
    {
        private readonly byte[] _bytes;

        public SlowBody(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            Started.SetResult();
            await Finish.Task;
            await Task.Delay(200);
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
