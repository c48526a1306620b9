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
