using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Evaluation;
using Wayfinder.Marketplace;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Marketplace;

/// <summary>The compiled-marketplace cache: read back when nothing changed, one plugin compiled again when one of its files did, never trusted when broken.</summary>
public sealed class MarketCacheTests
{
    private static readonly string[] Questions = ["tomato blight on the seedlings", "clogged drain under the sink", "black spot on roses", "quarterly taxes"];

    private static List<string> Decisions(MarketRouter router) => [.. Questions.Select(q => WayfinderJson.Serialize(router.Route(q, [])))];

    private static (MarketRouter Router, bool FromCache) Open(string market, MarketCache? cache)
    {
        var router = MarketRouter.Open([market], Routers.BuiltIn, cache, out _);
        return (router!, MarketRouter.FromCache);
    }

    [Fact]
    public void Open_Twice_ReadsTheSecondFromTheCache_WithTheSameDecisionsByteForByte()
    {
        using var f = MarketFixtures.Listed();
        using var dir = new SheetFixture();
        var cache = new MarketCache(dir.Root);

        var (cold, coldFromCache) = Open(f.Root, cache);
        var (warm, warmFromCache) = Open(f.Root, cache);
        var loaded = new MarketRouter(PackLibrary.Load([], [f.Root]).Packs, Routers.BuiltIn);

        Assert.False(coldFromCache);
        Assert.True(warmFromCache);
        Assert.Equal(Decisions(loaded), Decisions(cold));
        Assert.Equal(Decisions(loaded), Decisions(warm));
    }

    [Fact]
    public void Open_AfterOneFileChanged_CompilesThatPluginAgainAndNoOther()
    {
        using var f = MarketFixtures.Listed();
        using var dir = new SheetFixture();
        var cache = new MarketCache(dir.Root);
        Open(f.Root, cache);
        var units = Directory.GetFiles(Path.Combine(dir.Root, "packs"));

        f.Write("plugins/garden/skills/using-garden/compost-heaps.md", "# Compost heaps\n\nTurn the compost heap weekly; mix greens and browns.\n");
        var (router, fromCache) = Open(f.Root, cache);

        Assert.False(fromCache);
        Assert.Equal(1, MarketCache.Compiled);
        var after = Directory.GetFiles(Path.Combine(dir.Root, "packs"));
        Assert.Equal(units.Length + 1, after.Length);
        Assert.All(units, u => Assert.Contains(u, after));
        Assert.Equal("garden/compost-heaps", MarketEval.First(router.Route("how often to turn the compost heap", [])));
    }

    [Fact]
    public void Open_WithABrokenCacheFile_CompilesAgainWithTheSameDecisions()
    {
        using var f = MarketFixtures.Listed();
        using var dir = new SheetFixture();
        var cache = new MarketCache(dir.Root);
        var expected = Decisions(Open(f.Root, cache).Router);
        foreach (var file in Directory.GetFiles(dir.Root, "*.bin", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        }

        var (router, fromCache) = Open(f.Root, cache);

        Assert.False(fromCache);
        Assert.Equal(expected, Decisions(router));
    }

    [Fact]
    public void Open_WhereTheCacheCannotBeWritten_StillRoutes()
    {
        using var f = MarketFixtures.Listed();
        using var dir = new SheetFixture();
        var blocked = dir.Write("cache", "a file where the cache folder would be");

        var (router, _) = Open(f.Root, new MarketCache(blocked));

        Assert.Equal("garden/tomato-growing", MarketEval.First(router.Route("tomato blight", [])));
    }

    [Fact]
    public void Open_WithoutACache_CompilesAndKeepsNothing()
    {
        using var f = MarketFixtures.Listed();

        var (router, fromCache) = Open(f.Root, null);

        Assert.False(fromCache);
        Assert.Equal("plumbing/blocked-drains", MarketEval.First(router.Route("clogged drain", [])));
    }
}
