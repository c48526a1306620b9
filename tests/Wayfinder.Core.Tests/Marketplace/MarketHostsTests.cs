using System.Text.Json;
using Wayfinder.Api;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Marketplace;

/// <summary>Across packs on disk, a single route, a batch and the service behind HTTP and MCP decide the same, byte for byte.</summary>
public sealed class MarketHostsTests
{
    private static readonly string[] Questions = ["tomato blight on the seedlings", "clogged drain under the sink", "quarterly taxes", "black spot on roses"];

    [Fact]
    public void RouteBatchAndService_GiveTheSameDecisions()
    {
        using var f = MarketFixtures.Listed();
        var library = PackLibrary.Load([], [f.Root]);
        var service = new WayfinderService(Routers.BuiltIn, library, new MarketRouter(library.Packs, Routers.BuiltIn));
        var stdin = string.Join('\n', Questions.Select((q, i) => JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = $"q{i}", ["query"] = q })));

        var single = Questions.Select(q => Cli.Cli.Run(["route", q, "--packs", f.Root, "--json"])).ToList();
        var batch = Cli.Cli.Run(["route", "--batch", "-", "--packs", f.Root], stdin);

        Assert.All(single, r => Assert.Equal(WayfinderCommand.Ok, r.ExitCode));
        Assert.Equal(WayfinderCommand.Ok, batch.ExitCode);
        for (var i = 0; i < Questions.Length; i++)
        {
            var fromService = service.Route(Questions[i], []);
            Assert.Equal(WayfinderJson.Serialize(fromService), single[i].Out.Trim());
            Assert.Equal(WayfinderJson.Serialize(fromService with { Id = $"q{i}" }), batch.OutLines[i]);
        }
    }

    [Fact]
    public void RouteWithPack_AndTheServiceWithinThatPack_GiveTheSameDecisions_WithoutTheBuiltInRouter()
    {
        using var f = MarketFixtures.Listed();
        var skill = Path.Combine(f.Root, "plugins", "garden", "skills", "using-garden");
        var library = PackLibrary.Load([skill], []);
        var pack = Assert.Single(library.Packs);
        var builtIn = new Lazy<Wayfinder.Routing.Router>(() => throw new InvalidOperationException("routing inside a pack needs no built-in router"));
        var service = new WayfinderService(builtIn, library, new MarketRouter([pack]), within: pack.Id);

        foreach (var question in Questions)
        {
            var single = Cli.Cli.Run(["route", question, "--pack", skill, "--json"]);
            var fromService = service.Route(question, []);

            Assert.Equal(WayfinderCommand.Ok, single.ExitCode);
            Assert.Equal(WayfinderJson.Serialize(new MarketRouter([pack]).RouteIn(pack.Id, question, [])), WayfinderJson.Serialize(fromService));
            Assert.Equal(WayfinderJson.Serialize(fromService), single.Out.Trim());
        }

        Assert.False(builtIn.IsValueCreated);
    }

    [Fact]
    public void ServiceWithinAPack_WithoutAMarket_IsRefusedAtConstruction()
    {
        var refused = Assert.Throws<ArgumentException>(() => new WayfinderService(new Lazy<Wayfinder.Routing.Router>(() => Routers.BuiltIn), PackLibrary.Empty, market: null, within: "garden"));

        Assert.Equal("within", refused.ParamName);
    }

    [Fact]
    public void RouteWithPack_Batch_AnswersEveryLine()
    {
        using var f = MarketFixtures.Listed();
        var skill = Path.Combine(f.Root, "plugins", "garden", "skills", "using-garden");

        var batch = Cli.Cli.Run(["route", "--batch", "-", "--pack", skill], "{\"id\": \"a\", \"query\": \"tomato blight\"}\n{\"id\": \"b\", \"query\": \"pruning roses\"}\n");

        Assert.Equal(WayfinderCommand.Ok, batch.ExitCode);
        Assert.Equal(2, batch.OutLines.Length);
        Assert.All(batch.OutLines, l => Assert.Contains("\"status\":\"routed\"", l, StringComparison.Ordinal));
    }
}
