using System.Collections.Immutable;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Packs;

public sealed class PackYamlWriterTests
{
    [Fact]
    public void Write_BuiltInPack_LoadsBackEqualInEveryProperty()
    {
        var pack = ManifestText.LoadBuiltIn();

        var again = PackLoader.Load(PackYamlWriter.Write(pack), "written.pack.yaml");

        Assert.Empty(PackComparison.Differences(pack, again));
    }

    [Theory]
    [InlineData("my model is too slow")]
    [InlineData("canary rollout for the new model")]
    [InlineData("hallucinations in production and the token bill tripled")]
    public void Write_BuiltInPack_RoutesTheSameOnceLoadedBack(string question)
    {
        var again = new RouterBuilder().UsePack(PackLoader.Load(PackYamlWriter.Write(ManifestText.LoadBuiltIn()), "written.pack.yaml")).Build();
        var original = new RouterBuilder().UsePack(ManifestText.LoadBuiltIn()).Build();

        Assert.Equal(WayfinderJson.Serialize(original.Route(question)), WayfinderJson.Serialize(again.Route(question)));
    }

    [Fact]
    public void Write_TextYamlWouldMisread_IsQuotedByTheEmitter()
    {
        var pack = PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml");
        var tricky = "a: b # not a comment, \"quoted\", 'single', \\ back, [flow], {map}, - dash, yes, null, 1.0";
        var concern = pack.Concerns[0] with { Title = tricky, KeyQuestion = "line one\tand a tab" };
        var changed = Rebuild(pack, [concern, .. pack.Concerns.Skip(1)]);

        var again = PackLoader.Load(PackYamlWriter.Write(changed), "tricky.yaml");

        Assert.Equal(tricky, again.Concerns[0].Title);
        Assert.Equal("line one\tand a tab", again.Concerns[0].KeyQuestion);
    }

    [Fact]
    public void Write_Comment_IsTheFirstLine()
    {
        var yaml = PackYamlWriter.Write(PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml"), "Inferred from SKILL.md");

        Assert.StartsWith("# Inferred from SKILL.md\n", yaml, StringComparison.Ordinal);
    }

    private static RoutingPack Rebuild(RoutingPack p, ImmutableArray<Concern> concerns) =>
        new(p.Id, p.Title, p.Calibrated, p.Summary, concerns, p.Sheets, p.SisterPacks, p.Facets, p.Questions, p.Rules, p.FastMoving, p.Maintenance,
            p.ToolNotConcernText, p.Tiers, p.DualRoute, p.AskOrder, p.Lexicon, p.Companions, p.Confidence);
}
