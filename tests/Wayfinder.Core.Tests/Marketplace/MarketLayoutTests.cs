using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Xunit;

namespace Wayfinder.Core.Tests.Marketplace;

/// <summary>Marketplaces as the ecosystem lays them out, loaded; every problem named with its file, the rest still loaded.</summary>
public sealed class MarketLayoutTests
{
    [Fact]
    public void Load_MarketplaceJson_LoadsTheListedPluginsWithWhatTheySayOfThemselves()
    {
        using var f = MarketFixtures.Listed();

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Empty(library.Diagnostics);
        Assert.Equal(["garden", "plumbing"], library.Packs.Select(p => p.Id));
        var garden = library.Packs[0];
        Assert.Contains("Growing vegetables and roses at home.", garden.PluginDescription, StringComparison.Ordinal);
        Assert.Contains("Vegetables, roses and the garden.", garden.PluginDescription, StringComparison.Ordinal);
        Assert.Equal(["rose-pruning", "tomato-growing"], garden.Sheets.Select(s => s.Id));
    }

    [Fact]
    public void Load_MarketplaceJson_ListsOnlyWhatItNames()
    {
        using var f = MarketFixtures.Listed();
        MarketFixtures.Garden(f, "plugins/unlisted");

        var library = PackLibrary.Load([], [f.Root]);

        Assert.DoesNotContain(library.Packs, p => p.Id == "unlisted");
    }

    [Theory]
    [InlineData("""{"name": "x", "source": "../outside"}""", "outside the marketplace")]
    [InlineData("""{"name": "x", "source": {"source": "github", "repo": "o/r"}}""", "remote source is not fetched")]
    [InlineData("""{"name": "x", "source": "./plugins/absent"}""", "is not a folder")]
    [InlineData("""{"name": "x"}""", "has no \"source\"")]
    public void Load_BadPluginEntry_IsNamedAndTheOthersLoad(string entry, string message)
    {
        using var f = MarketFixtures.Listed();
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(f.Root)!, "outside"));
        f.Write(".claude-plugin/marketplace.json", $$"""{"plugins": [{{entry}}, {"name": "garden", "source": "./plugins/garden"}]}""");

        var library = PackLibrary.Load([], [f.Root]);

        var diagnostic = Assert.Single(library.Diagnostics);
        Assert.EndsWith("marketplace.json", diagnostic.File, StringComparison.Ordinal);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(["garden"], library.Packs.Select(p => p.Id));
    }

    [Fact]
    public void Load_MarketplaceJsonThatIsNotJson_SaysWhereAndLoadsNothingElseFromIt()
    {
        using var f = MarketFixtures.Listed();
        f.Write(".claude-plugin/marketplace.json", "{\n  \"plugins\": [\n    {\"name\": \"garden\",, }\n  ]\n}\n");

        var library = PackLibrary.Load([], [f.Root]);

        var diagnostic = Assert.Single(library.Diagnostics);
        Assert.Equal(3, diagnostic.Line);
        Assert.Contains("not JSON", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(library.Packs);
    }

    [Fact]
    public void Load_PluginJsonThatIsNotJson_IsNamedAndThePluginStillLoads()
    {
        using var f = MarketFixtures.Listed();
        f.Write("plugins/garden/.claude-plugin/plugin.json", "{ nope");

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Contains(library.Diagnostics, d => d.File.EndsWith("plugin.json", StringComparison.Ordinal) && d.Message.Contains("not JSON", StringComparison.Ordinal));
        Assert.Contains(library.Packs, p => p.Id == "garden");
    }

    [Theory]
    [InlineData(".claude/skills")]
    [InlineData(".agents/skills")]
    [InlineData(".github/skills")]
    public void Load_ProjectSkillFolders_AreEachAPack(string folder)
    {
        using var f = new SheetFixture();
        f.Write($"{folder}/release-notes/SKILL.md", "---\nname: release-notes\ndescription: Writes release notes from merged pull requests.\n---\n# Release notes\n\nGroup changes by kind.\n");
        f.Write($"{folder}/release-notes/grouping.md", "# Grouping changes\n\nFeatures, fixes, breaking changes.\n");
        f.Write($"{folder}/not-a-skill/notes.md", "# Notes\n");

        var library = PackLibrary.Load([], [f.Root]);

        var pack = Assert.Single(library.Packs);
        Assert.Equal("release-notes", pack.Id);
        Assert.Equal("Writes release notes from merged pull requests.", pack.Description);
        Assert.Equal(["grouping"], pack.Sheets.Select(s => s.Id));
    }

    [Fact]
    public void Load_FolderThatIsOnePlugin_IsThatPlugin()
    {
        using var f = new SheetFixture();
        MarketFixtures.Garden(f, "garden");

        var library = PackLibrary.Load([], [Path.Combine(f.Root, "garden")]);

        Assert.Equal(["garden"], library.Packs.Select(p => p.Id));
    }

    [Fact]
    public void Load_BareFolderOfPlugins_StillLoadsEachOne()
    {
        using var f = new SheetFixture();
        MarketFixtures.Garden(f, "garden");
        MarketFixtures.Plumbing(f, "plumbing");

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Equal(["garden", "plumbing"], library.Packs.Select(p => p.Id));
    }

    [Fact]
    public void Load_TheSharedMarketplace_LoadsEveryListedPlugin()
    {
        var library = PackLibrary.Load([], [SourceTree.Shared("marketplace")]);

        Assert.True(library.Packs.Length >= 45, $"{library.Packs.Length} packs");
        Assert.Contains(library.Packs, p => p.Id.Contains(':', StringComparison.Ordinal));
        Assert.All(library.Packs, p => Assert.True(p.PluginDescription.Length > 0, p.Id));
    }
}
