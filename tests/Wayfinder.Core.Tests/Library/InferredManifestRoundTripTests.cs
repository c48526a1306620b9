using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>
/// Every real router, inferred, written as YAML (as <c>wayfinder infer</c> prints
/// it) and loaded back, is the same pack in every property and routes the same:
/// an author who keeps the printed manifest gets the router inference built.
/// </summary>
public sealed class InferredManifestRoundTripTests
{
    public static TheoryData<string> Folders() => ["packs", "marketplace"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Infer_RealRouters_LoadBackFromTheirYamlAndRouteTheSame(string folder)
    {
        var library = PackLibrary.Load([], [SourceTree.Shared(folder)]);
        Assert.NotEmpty(library.Packs);
        foreach (var pack in library.Packs)
        {
            var compiled = MarkdownCompiler.Compile(pack, [.. library.Packs.Where(p => p != pack)]);
            var inferred = Assert.IsType<RoutingPack>(compiled.Pack);

            var loaded = PackLoader.Load(compiled.Yaml, pack.Id + ".pack.yaml");

            Assert.True(PackComparison.Differences(inferred, loaded) is [], $"{pack.Id}: {string.Join("; ", PackComparison.Differences(inferred, loaded).Take(5))}");
            var (built, read) = (new RouterBuilder().UsePack(inferred).Build(), new RouterBuilder().UsePack(loaded).Build());
            foreach (var question in pack.Sheets.Take(6).Select(s => s.Title).Append(pack.Description).Where(q => q.Trim().Length > 0))
            {
                Assert.Equal(WayfinderJson.Serialize(built.Route(question)), WayfinderJson.Serialize(read.Route(question)));
            }
        }
    }
}
