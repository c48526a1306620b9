using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Api;
using Wayfinder.Http;
using Wayfinder.Library;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>The HTTP service on a free port of 127.0.0.1, started and stopped by the tests, spoken to over real sockets.</summary>
public sealed class HttpServiceTests : IAsyncLifetime, IDisposable
{
    private static readonly Lazy<WayfinderService> Service = new(() =>
        new WayfinderService(Routers.BuiltIn, PackLibrary.Load([], [SharedPacks.Directory])));

    private WebApplication _app = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _app = WayfinderHttp.Create(Service.Value, new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"] });
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> Post(string path, string body, string contentType = "application/json") =>
        _http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType));

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("my model is too slow")]
    [InlineData("Deploy and monitor model")]
    [InlineData("canary rollout with automatic rollback")]
    public async Task Route_ReturnsTheDecisionContractByteForByte(string question)
    {
        var response = await Post("/v1/route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = question }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route(question)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Route_WithAnswers_FollowsThem()
    {
        var response = await Post("/v1/route", """{"question":"My model is too slow","answers":["inference","model"]}""");

        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("My model is too slow", ["inference", "model"])), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"question":""", "the body is not the JSON expected")]
    [InlineData("""{"question":5}""", "'question' must be a string, not the number 5")]
    [InlineData("""{"question":"x","answers":"inference"}""", "'answers' must be an array of strings, not a string")]
    [InlineData("""{"question":"x","answers":["a",1]}""", "'answers' must be an array of strings, but item 2 is the number 1")]
    [InlineData("""{"question":"x","extra":1}""", "unknown property 'extra'; the request takes question, answers")]
    [InlineData("""["my model is slow"]""", "the request must be a JSON object such as {\"question\": \"...\"}, not an array")]
    [InlineData("""{"question":"\ud800"}""", "'question' is not valid Unicode text")]
    [InlineData("null", "the body is empty or null")]
    [InlineData("", "the body is not the JSON expected")]
    [InlineData("""{"question":"   "}""", "the question is empty")]
    public async Task Route_BadBodies_Are400ProblemsSayingWhat(string body, string detail)
    {
        var problem = await Problem(await Post("/v1/route", body), HttpStatusCode.BadRequest);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/v1/route", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Route_QuestionOver8KB_Is413WithItsSize()
    {
        var problem = await Problem(await Post("/v1/route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = new string('a', 9000) })), (HttpStatusCode)413);

        Assert.Contains("9000 bytes long; the limit is 8192", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_BodyOver64KB_Is413()
    {
        var problem = await Problem(await Post("/v1/route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = new string('a', 70_000) })), (HttpStatusCode)413);

        Assert.Contains("larger than 64 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_NotJson_Is415SayingWhatToSend()
    {
        var problem = await Problem(await Post("/v1/route", "my model is slow", "text/plain"), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/route", null)]
    [InlineData("/v1/route", "text/plain")]
    [InlineData("/v1/route", "application/x-www-form-urlencoded")]
    [InlineData("/v1/route", "application/xml")]
    [InlineData("/v1/route", "multipart/form-data; boundary=x")]
    [InlineData("/v1/context", null)]
    [InlineData("/v1/context", "text/plain")]
    public async Task JsonBody_WithoutAJsonContentType_Is415SayingWhatToSend(string path, string? contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"question":"canary rollout"}"""));
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var problem = await Problem(await _http.PostAsync(new Uri(path, UriKind.Relative), content), HttpStatusCode.UnsupportedMediaType);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("send the body as application/json", detail, StringComparison.Ordinal);
        Assert.Contains(contentType?.Split(';')[0] ?? "no Content-Type", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_JsonWithACharset_IsServed()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"question":"canary rollout"}"""));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        var response = await _http.PostAsync(new Uri("/v1/route", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("canary rollout")), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/v1/route", """{"question":"x","foo":1}""", "unknown property 'foo'; the request takes question, answers")]
    [InlineData("/v1/context", """{"question":"x","foo":1}""", "unknown property 'foo'; the request takes question, answers, budget")]
    [InlineData("/v1/context", """{"question":"x","depth":1,"answer":[]}""", "unknown properties 'answer', 'depth'; the request takes question, answers, budget")]
    public async Task UnknownProperty_IsNamedInPlainWordsWithWhatTheRequestTakes(string path, string body, string detail)
    {
        var problem = await Problem(await Post(path, body), HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Route_InvalidUtf8_IsSaidToBeNotUtf8()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"question":"caf"""), 0xE9, .. Encoding.UTF8.GetBytes("\"}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var problem = await Problem(await _http.PostAsync(new Uri("/v1/route", UriKind.Relative), content), HttpStatusCode.BadRequest);

        Assert.Equal("the body is not valid UTF-8: byte 0xE9 at offset 16", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/v1/route", """{"question":"canary rollout","question":"my model is too slow"}""", "question")]
    [InlineData("/v1/route", """{"question":"x","answers":[],"answers":["inference"]}""", "answers")]
    [InlineData("/v1/context", """{"question":"x","budget":100,"budget":200}""", "budget")]
    public async Task DuplicateProperty_Is400NamingIt(string path, string body, string property)
    {
        var problem = await Problem(await Post(path, body), HttpStatusCode.BadRequest);

        Assert.Equal($"the property '{property}' is given twice; give it once", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/v1/route", """{"question":5}""")]
    [InlineData("/v1/route", """{"question":"x","answers":[1]}""")]
    [InlineData("/v1/route", """{"question":"x","extra":1}""")]
    [InlineData("/v1/route", """{"question":{"text":"x"}}""")]
    [InlineData("/v1/route", """{"question":"\udc00"}""")]
    [InlineData("/v1/route", """"a question"""")]
    [InlineData("/v1/route", "[1,2]")]
    [InlineData("/v1/route", "true")]
    [InlineData("/v1/context", """{"question":"x","budget":"lots"}""")]
    [InlineData("/v1/context", """{"question":"x","budget":1.5}""")]
    [InlineData("/v1/context", """{"question":"x","budget":1e400}""")]
    [InlineData("/v1/context", """{"question":"x","budget":99999999999999999999}""")]
    [InlineData("/v1/context", """{"question":"x","budget":null,"budget":{}}""")]
    public async Task BadBody_DetailNamesNoDotNetType(string path, string body)
    {
        var problem = await Problem(await Post(path, body), HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotMatch(@"\b(System|Wayfinder|Microsoft)\.[A-Z]", detail);
        Assert.DoesNotContain("could not be", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404ListingTheApi()
    {
        var problem = await Problem(await _http.GetAsync(new Uri("/v2/route", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Contains("POST /v1/route", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_ReturnsSectionsUnderTheBudget()
    {
        var response = await Post("/v1/context", """{"question":"canary rollout of a new model version","budget":1500}""");

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("tokens").GetInt32() <= 1500);
        Assert.Equal("deployment-strategies", doc.RootElement.GetProperty("sections")[0].GetProperty("sheet").GetString());
    }

    [Fact]
    public async Task Context_BadBudget_Is400()
    {
        var problem = await Problem(await Post("/v1/context", """{"question":"x","budget":-3}"""), HttpStatusCode.BadRequest);

        Assert.Contains("budget must be between 1 and", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packs_AndASheet_AndAMissingSheet()
    {
        var packs = await _http.GetStringAsync(new Uri("/v1/packs", UriKind.Relative));
        var sheet = await _http.GetStringAsync(new Uri("/v1/packs/yzmir-ml-production/sheets/deployment-strategies?section=Core%20Principle", UriKind.Relative));
        var missing = await Problem(await _http.GetAsync(new Uri("/v1/packs/yzmir-ml-production/sheets/nothing", UriKind.Relative)), HttpStatusCode.NotFound);

        Assert.Contains("\"yzmir-llm-specialist\"", packs, StringComparison.Ordinal);
        Assert.Contains("Core Principle", sheet, StringComparison.Ordinal);
        Assert.Contains("no sheet 'yzmir-ml-production/nothing'", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_OpenApiAndMetrics_AreServed()
    {
        var health = await _http.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        var openApi = await _http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        await Post("/v1/route", """{"question":"my model is too slow"}""");
        await Post("/v1/route", """{"question":"hallucinations in production"}""");
        var metrics = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Contains("\"/v1/route\"", openApi, StringComparison.Ordinal);
        Assert.Contains("wayfinder_route_duration_milliseconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("wayfinder_decisions_total{otel_scope_name=\"Wayfinder\",status=\"clarify\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("wayfinder_clarifications_total", metrics, StringComparison.Ordinal);
        Assert.Contains("wayfinder_handoffs_total", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_OverStreamableHttp_Routes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/mcp", UriKind.Relative))
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"route","arguments":{"question":"canary rollout"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("deployment-strategies", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyFourConcurrentClients_GetTheSameDecisionsAsOneAtATime()
    {
        string[] questions = ["my model is too slow", "canary rollout", "drift alerts fire but nothing changed", "track experiments and automate deployment"];
        var expected = questions.Select(q => WayfinderJson.Serialize(Routers.BuiltIn.Route(q))).ToArray();

        var bodies = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var client = new HttpClient { BaseAddress = _http.BaseAddress };
            var response = await client.PostAsJsonAsync(new Uri("/v1/route", UriKind.Relative), new Dictionary<string, string> { ["question"] = questions[i % questions.Length] });
            return await response.Content.ReadAsStringAsync();
        }));

        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], bodies[i]);
        }
    }
}
