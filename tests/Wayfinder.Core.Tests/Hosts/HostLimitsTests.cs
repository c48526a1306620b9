using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Wayfinder.Api;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Http;
using Wayfinder.Library;
using Wayfinder.Mcp;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>
/// Each limit through every host: the service itself, HTTP, MCP, the
/// command line and the chat-client functions refuse the same requests, each
/// in its own way (a kind, a status, an error result, exit code 2, an error
/// reply), and say the service's words.
/// </summary>
public sealed class HostLimitsTests : IAsyncLifetime, IDisposable
{
    private static readonly string Big = new('a', QuestionGuard.MaxQuestionBytes + 808);
    private static readonly WayfinderService Service = new(Routers.BuiltIn, PackLibrary.Load([], [SharedPacks.Directory]));
    private static readonly Wayfinder.Hosting.WayfinderFunctions Functions = new(Service);

    private readonly CancellationTokenSource _stop = new();
    private Task _mcpServer = Task.CompletedTask;
    private McpClient _mcp = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _http = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        _mcpServer = WayfinderMcp.RunAsync(Service, toServer.Reader.AsStream(), toClient.Writer.AsStream(), null, _stop.Token);
        _mcp = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), null));
        _http = WayfinderHttp.Create(Service, new WayfinderHttpOptions { Urls = ["http://127.0.0.1:0"] });
        await _http.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_http.Urls.Single()) };
    }

    public void Dispose()
    {
        _client.Dispose();
        _stop.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _http.StopAsync();
        await _http.DisposeAsync();
        await _mcp.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _mcpServer;
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A limit: what the service is asked, the same through HTTP, MCP and the command line, and the kind of refusal.</summary>
    public sealed record Limit(string Name, Action<WayfinderService> Call, string HttpMethod, string HttpPath, string? HttpBody, string Tool, string ToolArguments, string[] CommandLine, WayfinderErrorKind Kind)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Limit> Limits() =>
    [
        new Limit("empty question", s => s.Route(" ", []), "POST", "/v1/route", """{"question":" "}""", "route", """{"question":" "}""",
            ["route", " "], WayfinderErrorKind.Invalid),
        new Limit("question over 8 KB", s => s.Route(Big, []), "POST", "/v1/route", $$"""{"question":"{{Big}}"}""", "route", $$"""{"question":"{{Big}}"}""",
            ["route", Big], WayfinderErrorKind.TooLarge),
        new Limit("answer over 8 KB", s => s.Route("my model is too slow", [Big]), "POST", "/v1/route", $$"""{"question":"my model is too slow","answers":["{{Big}}"]}""",
            "route", $$"""{"question":"my model is too slow","answers":["{{Big}}"]}""", ["route", "my model is too slow", "--answer", Big], WayfinderErrorKind.TooLarge),
        new Limit("budget 0", s => s.Context("canary", [], 0), "POST", "/v1/context", """{"question":"canary","budget":0}""", "context", """{"question":"canary","budget":0}""",
            ["context", "canary", "--budget", "0", "--packs", SharedPacks.Directory], WayfinderErrorKind.Invalid),
        new Limit("budget over the limit", s => s.Context("canary", [], WayfinderService.MaxBudget + 1), "POST", "/v1/context",
            $$"""{"question":"canary","budget":{{WayfinderService.MaxBudget + 1}}}""", "context", $$"""{"question":"canary","budget":{{WayfinderService.MaxBudget + 1}}}""",
            ["context", "canary", "--budget", $"{WayfinderService.MaxBudget + 1}", "--packs", SharedPacks.Directory], WayfinderErrorKind.Invalid),
        new Limit("unknown sheet", s => s.Open("yzmir-ml-production/no-such-sheet", null), "GET", "/v1/packs/yzmir-ml-production/sheets/no-such-sheet", null,
            "open_sheet", """{"sheet":"yzmir-ml-production/no-such-sheet"}""", ["open", "yzmir-ml-production/no-such-sheet", "--packs", SharedPacks.Directory], WayfinderErrorKind.NotFound),
    ];

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task Limit_EveryHost_RefusesItTheSameWay(Limit limit)
    {
        var refused = Assert.Throws<WayfinderError>(() => limit.Call(Service));

        using var request = new HttpRequestMessage(new HttpMethod(limit.HttpMethod), new Uri(limit.HttpPath, UriKind.Relative))
        {
            Content = limit.HttpBody is null ? null : new StringContent(limit.HttpBody, Encoding.UTF8, "application/json"),
        };
        using var response = await _client.SendAsync(request);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();

        var (mcpRefused, mcpText) = await CallTool(limit.Tool, limit.ToolArguments);
        var cli = Cli.Cli.Run(limit.CommandLine);
        var function = Functions.All.Append(Functions.ListPacks).OfType<Microsoft.Extensions.AI.AIFunction>().Single(f => f.Name == limit.Tool);
        var arguments = new Microsoft.Extensions.AI.AIFunctionArguments();
        foreach (var argument in JsonDocument.Parse(limit.ToolArguments).RootElement.EnumerateObject())
        {
            arguments[argument.Name] = argument.Value.Clone();
        }

        var functionReply = Assert.IsType<JsonElement>(await function.InvokeAsync(arguments));

        Assert.Equal(limit.Kind, refused.Kind);
        Assert.Equal((HttpStatusCode)WayfinderHttp.StatusOf(refused.Kind), response.StatusCode);
        Assert.Equal(refused.Message, detail);
        Assert.True(mcpRefused, $"MCP {limit.Tool} was not refused");
        Assert.Contains(Essence(refused.Message), mcpText, StringComparison.Ordinal);
        Assert.Equal(WayfinderCommand.UsageError, cli.ExitCode);
        Assert.Contains(Essence(refused.Message), cli.Err, StringComparison.Ordinal);
        Assert.Equal(refused.Kind.ToString().ToLowerInvariant(), functionReply.GetProperty("kind").GetString());
        Assert.Equal(refused.Message, functionReply.GetProperty("error").GetString());
    }

    [Fact]
    public void Check_RefusesWhatRouteRefuses_WithTheSameKindAndWords()
    {
        (string Question, string[] Answers)[] refused = [(" ", []), (Big, []), ("my model is too slow", [Big])];
        foreach (var (question, answers) in refused)
        {
            var early = Assert.Throws<WayfinderError>(() => WayfinderService.Check(question, answers));
            var routed = Assert.Throws<WayfinderError>(() => Service.Route(question, answers));

            Assert.Equal(routed.Kind, early.Kind);
            Assert.Equal(routed.Message, early.Message);
        }

        WayfinderService.Check("my model is too slow", ["inference"]);
    }

    [Fact]
    public async Task McpSchemas_StateTheServicesOwnLimits()
    {
        var tools = await _mcp.ListToolsAsync();
        var budget = tools.Single(t => t.Name == "context").JsonSchema.GetProperty("properties").GetProperty("budget");

        Assert.Equal(WayfinderService.MaxBudget, budget.GetProperty("maximum").GetInt32());
        Assert.Contains($"{QuestionGuard.MaxQuestionBytes / 1024} KB", tools.Single(t => t.Name == "route").JsonSchema.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The words of a refusal every host repeats: the numbers and names it is about (a host may word the rest its own way).</summary>
    private static string Essence(string message) =>
        message.Contains("budget", StringComparison.Ordinal) ? $"{WayfinderService.MaxBudget}" : message.Length > 60 ? message[..60] : message;

    private async Task<(bool Refused, string Text)> CallTool(string tool, string argumentsJson)
    {
        try
        {
            var result = await _mcp.CallToolAsync(new CallToolRequestParams
            {
                Name = tool,
                Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson)!,
            });
            return (result.IsError == true, string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        }
        catch (McpException e)
        {
            return (true, e.Message);
        }
    }
}
