using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wayfinder.Api;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Hosting;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Hosts;

/// <summary>Wayfinder in a .NET app: <c>AddWayfinder</c>, its options, and the functions a chat client calls.</summary>
public sealed class HostingTests
{
    private const string Question = "my model is too slow";

    private static ServiceProvider Provider(Action<WayfinderOptions>? configure = null) =>
        new ServiceCollection().AddWayfinder(configure).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    [Fact]
    public void AddWayfinder_WithNoOptions_RoutesAsTheBuiltInRouter()
    {
        using var provider = Provider();
        var service = provider.GetRequiredService<WayfinderService>();

        Assert.Same(service, provider.GetRequiredService<WayfinderService>());
        Assert.Null(service.Market);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route(Question, [])), WayfinderJson.Serialize(service.Route(Question, [])));
    }

    [Fact]
    public void AddWayfinder_WithMarketplaces_LoadsTheirPacksAndRoutesAcrossThem()
    {
        using var provider = Provider(o => o.Marketplaces.Add(SharedPacks.Directory));
        var service = provider.GetRequiredService<WayfinderService>();

        Assert.NotEmpty(service.Library.Packs);
        Assert.NotNull(service.Market);
    }

    [Fact]
    public void AddWayfinder_RouteAcrossPacksOff_KeepsTheBuiltInRouterWithThePacksForText()
    {
        using var provider = Provider(o =>
        {
            o.Marketplaces.Add(SharedPacks.Directory);
            o.RouteAcrossPacks = false;
        });
        var service = provider.GetRequiredService<WayfinderService>();

        Assert.NotEmpty(service.Library.Packs);
        Assert.Null(service.Market);
    }

    [Fact]
    public void StartupValidation_NamesEveryFolderThatIsNotThere()
    {
        var missing = Path.Combine(Path.GetTempPath(), "wayfinder-no-such-folder-" + Guid.NewGuid().ToString("N"));
        using var provider = Provider(o =>
        {
            o.SkillFolders.Add(missing);
            o.Marketplaces.Add(" ");
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("SkillFolders[0]", StringComparison.Ordinal) && f.Contains(missing, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Marketplaces[0] is blank", StringComparison.Ordinal));
    }

    [Fact]
    public void FailOnLoadProblems_RefusesAPackThatDoesNotLoad_NamingItsFile()
    {
        var folder = Directory.CreateTempSubdirectory("wayfinder-hosting-");
        try
        {
            var skill = Path.Combine(folder.FullName, "broken", "skills", "bad", "SKILL.md");
            Directory.CreateDirectory(Path.GetDirectoryName(skill)!);
            File.WriteAllText(skill, "---\nname: [unclosed\n---\n# Bad\n");
            using var lenient = Provider(o => o.Marketplaces.Add(folder.FullName));
            using var strict = Provider(o =>
            {
                o.Marketplaces.Add(folder.FullName);
                o.FailOnLoadProblems = true;
            });

            Assert.NotEmpty(lenient.GetRequiredService<WayfinderService>().Library.Diagnostics);
            var error = Assert.Throws<OptionsValidationException>(() => strict.GetRequiredService<WayfinderService>());
            Assert.Contains(error.Failures, f => f.Contains("SKILL.md", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Functions_AreTheMcpTools_ByNameDescriptionAndSchema()
    {
        using var provider = Provider();
        var functions = provider.GetRequiredService<WayfinderFunctions>();

        Assert.Equal(["route", "context", "open_sheet"], functions.All.Select(f => f.Name));
        foreach (var function in functions.All.Cast<AIFunction>().Append(functions.ListPacks))
        {
            var tool = WayfinderTools.All.Single(t => t.Name == function.Name);
            Assert.Equal(tool.Description, function.Description);
            Assert.Equal(tool.InputSchema.GetRawText(), function.JsonSchema.GetRawText());
        }
    }

    [Fact]
    public async Task Route_ReturnsTheServicesDecisionAsJson()
    {
        using var provider = Provider();
        var functions = provider.GetRequiredService<WayfinderFunctions>();

        var reply = await functions.Route.InvokeAsync(new AIFunctionArguments { ["question"] = Question });

        var expected = WayfinderJson.Serialize(provider.GetRequiredService<WayfinderService>().Route(Question, []));
        Assert.Equal(expected, Assert.IsType<JsonElement>(reply).GetRawText());
    }

    [Fact]
    public async Task Context_ReturnsSectionsWithinTheBudget()
    {
        using var provider = Provider(o => o.Marketplaces.Add(SharedPacks.Directory));
        var functions = provider.GetRequiredService<WayfinderFunctions>();

        var reply = Assert.IsType<JsonElement>(await functions.Context.InvokeAsync(new AIFunctionArguments { ["question"] = Question, ["budget"] = 1500 }));

        Assert.InRange(reply.GetProperty("tokens").GetInt32(), 1, 1500);
        Assert.NotEqual(0, reply.GetProperty("sections").GetArrayLength());
    }

    [Theory]
    [InlineData("open_sheet", "sheet", "no-such-pack/no-such-sheet", "notfound")]
    [InlineData("route", "question", "", "invalid")]
    [InlineData("context", "budget", 0, "invalid")]
    public async Task ARefusedRequest_ComesBackAsAnErrorForTheModel_NotAnException(string name, string argument, object value, string kind)
    {
        using var provider = Provider();
        var functions = provider.GetRequiredService<WayfinderFunctions>();
        var function = functions.All.Cast<AIFunction>().Single(f => f.Name == name);
        var arguments = new AIFunctionArguments { [argument] = value };
        if (argument != "question" && name != "open_sheet")
        {
            arguments["question"] = Question;
        }

        var reply = Assert.IsType<JsonElement>(await function.InvokeAsync(arguments));

        Assert.Equal(kind, reply.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrWhiteSpace(reply.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task AnArgumentTheToolDoesNotTake_IsNamedInTheError()
    {
        using var provider = Provider();
        var functions = provider.GetRequiredService<WayfinderFunctions>();

        var reply = Assert.IsType<JsonElement>(await functions.Route.InvokeAsync(new AIFunctionArguments { ["question"] = Question, ["budget"] = 5 }));

        Assert.Contains("'budget'", reply.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChatClient_CallsRouteAsATool_AndGetsTheDecisionBack()
    {
        using var provider = Provider();
        var functions = provider.GetRequiredService<WayfinderFunctions>();
        var model = new ScriptedModel("route", new Dictionary<string, object?> { ["question"] = Question });
        using var client = new ChatClientBuilder(model).UseFunctionInvocation().Build();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, Question)], new ChatOptions { Tools = [.. functions.All] });

        var result = Assert.Single(model.Results);
        var expected = WayfinderJson.Serialize(provider.GetRequiredService<WayfinderService>().Route(Question, []));
        Assert.Equal(expected, Assert.IsType<JsonElement>(result.Result).GetRawText());
    }

    /// <summary>A model that asks for one tool call, then answers with what came back.</summary>
    private sealed class ScriptedModel(string tool, Dictionary<string, object?> arguments) : IChatClient
    {
        public List<FunctionResultContent> Results { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
            if (results.Count == 0)
            {
                Assert.Contains(options!.Tools!, t => t.Name == tool);
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", tool, arguments)])));
            }

            Results.AddRange(results);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "read the sheets it names")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
