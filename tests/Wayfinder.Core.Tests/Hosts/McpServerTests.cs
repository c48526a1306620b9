using System.IO.Pipelines;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Api;
using Wayfinder.Mcp;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>The MCP server in process: the SDK's own client talks to it over a pair of pipes.</summary>
public sealed class McpServerTests : IAsyncLifetime, IDisposable
{
    private static readonly Lazy<WayfinderService> Service = new(() =>
        new WayfinderService(Routers.BuiltIn, PackLibrary.Load([], [SharedPacks.Directory])));

    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private Task _server = Task.CompletedTask;
    private McpClient _client = null!;

    public async Task InitializeAsync()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        _server = WayfinderMcp.RunAsync(Service.Value, toServer.Reader.AsStream(), toClient.Writer.AsStream(), null, _stop.Token);
        _client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), null));
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _server;
        }
        catch (OperationCanceledException)
        {
        }

    }

    public void Dispose()
    {
        _stop.Dispose();
        _timeout.Dispose();
    }

    /// <summary>No call may hang a test run.</summary>
    private CancellationToken Timeout => _timeout.Token;

    private Task<CallToolResult> Call(string tool, string argumentsJson) =>
        _client.CallToolAsync(new CallToolRequestParams
        {
            Name = tool,
            Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson)!,
        }, Timeout).AsTask();

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public async Task ListTools_OffersTheFourToolsWithDescriptionsAndSchemas()
    {
        var tools = await _client.ListToolsAsync(cancellationToken: Timeout);

        Assert.Equal(["context", "list_packs", "open_sheet", "route"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.True(t.Description.Length > 80, $"{t.Name} needs a description an agent can decide on"));
        var route = tools.Single(t => t.Name == "route");
        Assert.Equal("question", route.JsonSchema.GetProperty("required")[0].GetString());
        Assert.True(route.ProtocolTool.Annotations?.ReadOnlyHint);
    }

    [Theory]
    [InlineData("my model is too slow")]
    [InlineData("Deploy and monitor model")]
    [InlineData("hallucinations in production")]
    public async Task Route_ReturnsTheRoutersDecisionByteForByte(string question)
    {
        var result = await Call("route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = question }));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route(question)), Text(result));
        Assert.Equal(Routers.BuiltIn.Route(question).Status, result.StructuredContent!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Route_WithAnswers_FollowsThem()
    {
        var result = await Call("route", """{"question":"My model is too slow","answers":["inference","model"]}""");

        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route("My model is too slow", ["inference", "model"])), Text(result));
    }

    [Fact]
    public async Task Context_ReturnsSectionsUnderTheBudget()
    {
        var result = await Call("context", """{"question":"canary rollout of a new model version","budget":1500}""");

        using var doc = JsonDocument.Parse(Text(result));
        Assert.True(doc.RootElement.GetProperty("tokens").GetInt32() <= 1500);
        Assert.Equal("deployment-strategies", doc.RootElement.GetProperty("sections")[0].GetProperty("sheet").GetString());
    }

    [Fact]
    public async Task OpenSheet_ReturnsItsSectionsAndNamesWhatIsMissing()
    {
        var found = await Call("open_sheet", """{"sheet":"yzmir-ml-production/deployment-strategies","section":"Core Principle"}""");
        var missing = await Call("open_sheet", """{"sheet":"yzmir-ml-production/no-such-sheet"}""");

        Assert.Contains("Core Principle", Text(found), StringComparison.Ordinal);
        Assert.True(missing.IsError);
        Assert.Contains("no sheet 'yzmir-ml-production/no-such-sheet'", Text(missing), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPacks_NamesTheRoutingPackAndThePacksOnDisk()
    {
        var result = await Call("list_packs", "{}");

        Assert.Contains("\"yzmir-ml-production\"", Text(result), StringComparison.Ordinal);
        Assert.Contains("\"yzmir-llm-specialist\"", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resources_EverySheetOnDiskIsReadableByItsUri()
    {
        var resources = await _client.ListResourcesAsync(cancellationToken: Timeout);
        var read = await _client.ReadResourceAsync("wayfinder://yzmir-ml-production/model-serving-patterns", cancellationToken: Timeout);

        Assert.Equal(57, resources.Count);
        Assert.Contains(resources, r => r.Uri == "wayfinder://yzmir-llm-specialist/llm-evaluation-metrics" && r.MimeType == "text/markdown");
        var text = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents)).Text;
        Assert.StartsWith("# Model Serving Patterns", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadResource_UnknownSheet_IsAResourceNotFoundError()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            _client.ReadResourceAsync("wayfinder://yzmir-ml-production/nothing-here", cancellationToken: Timeout).AsTask());

        Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task UnknownTool_IsAnInvalidParamsErrorAndTheServerKeepsServing()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => Call("reroute", "{}"));
        var after = await Call("route", """{"question":"autoscaling replicas"}""");

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("unknown tool 'reroute'", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(true, after.IsError);
    }

    [Theory]
    [InlineData("route", """{"question":5}""", "'question' must be a string, not the number 5")]
    [InlineData("route", """{}""", "'question' is required")]
    [InlineData("route", """{"question":"x","answers":"inference"}""", "'answers' must be an array of strings")]
    [InlineData("route", """{"question":"   "}""", "the question is empty")]
    [InlineData("context", """{"question":"x","budget":"lots"}""", "'budget' must be a whole number")]
    [InlineData("context", """{"question":"x","budget":0}""", "budget must be between 1 and")]
    [InlineData("open_sheet", """{"sheet":"no-slash"}""", "name a sheet as PACK/SHEET")]
    [InlineData("route", """{"question":"x","foo":1}""", "unknown argument 'foo'; route takes question, answers")]
    [InlineData("list_packs", """{"verbose":true}""", "unknown argument 'verbose'; list_packs takes no arguments")]
    public async Task WrongArguments_AreToolErrorsSayingWhat(string tool, string arguments, string message)
    {
        var result = await Call(tool, arguments);

        Assert.True(result.IsError);
        Assert.Contains(message, Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_QuestionOver8KB_IsRefusedWithItsSize()
    {
        var result = await Call("route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = new string('a', 9000) }));

        Assert.True(result.IsError);
        Assert.Contains("9000 bytes", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCalls_GetTheSameDecisionsAsOneAtATime()
    {
        string[] questions = ["my model is too slow", "canary rollout", "drift alerts fire but nothing changed", "track experiments and automate deployment"];
        var expected = questions.Select(q => WayfinderJson.Serialize(Routers.BuiltIn.Route(q))).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Call("route", JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = questions[i % questions.Length] }))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], Text(results[i]));
        }
    }
}
