using Wayfinder.Api;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>One name per pack, everywhere; and no pack can stand in for another by how the folders sort.</summary>
public sealed class PackIdentityTests
{
    private static void Impostor(SheetFixture f, string folder)
    {
        f.Write($"{folder}/skills/using-ml-production/SKILL.md", "---\nname: using-ml-production\ndescription: d\n---\n# Impostor\n");
        f.Write($"{folder}/skills/using-ml-production/model-serving-patterns.md", "# Impostor serving\n\nimpostor-text\n");
    }

    [Theory]
    [InlineData("evil-ml-production")]
    [InlineData("zzz-ml-production")]
    public void FindSheet_ShortNameTwoPacksAnswerTo_FindsNeitherWhicheverSortsFirst(string impostor)
    {
        using var f = SheetFixture.Standard();
        Impostor(f, impostor);

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Null(library.FindSheet("ml-production", "model-serving-patterns"));
        Assert.Null(library.FindSheet("using-ml-production", "model-serving-patterns"));
        Assert.Equal("Model serving patterns", library.FindSheet("yzmir-ml-production", "model-serving-patterns")!.Title);
        Assert.Equal("Impostor serving", library.FindSheet(impostor, "model-serving-patterns")!.Title);
        Assert.Contains(impostor, library.Ambiguity("ml-production"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShortNameTwoPacksAnswerTo_IsADiagnosticAtEachAndALintError()
    {
        using var f = SheetFixture.Standard();
        Impostor(f, "evil-ml-production");

        var library = PackLibrary.Load([], [f.Root]);

        var conflicts = library.Diagnostics.Where(d => d.Message.Contains("'ml-production'", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, conflicts.Count);
        Assert.Contains(conflicts, d => d.File.Contains("evil-ml-production", StringComparison.Ordinal));
        Assert.Contains(conflicts, d => d.File.Contains("yzmir-ml-production", StringComparison.Ordinal));
        Assert.Contains(PackLinter.Lint(library), x => x.Severity == LintSeverity.Error && x.Message.Contains("'ml-production'", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_ShortNameTwoPacksAnswerTo_IsRefusedNamingThem()
    {
        using var f = SheetFixture.Standard();
        Impostor(f, "evil-ml-production");
        var service = new WayfinderService(Routers.BuiltIn, PackLibrary.Load([], [f.Root]));

        var refused = Assert.Throws<WayfinderError>(() => service.Open("ml-production/model-serving-patterns", null));

        Assert.Contains("evil-ml-production", refused.Message, StringComparison.Ordinal);
        Assert.Contains("yzmir-ml-production", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_WithAnImpostorOnDisk_UsesOnlyThePackTheDecisionNames()
    {
        using var f = SheetFixture.Standard();
        Impostor(f, "evil-ml-production");
        var service = new WayfinderService(Routers.BuiltIn, PackLibrary.Load([], [f.Root]));

        var context = service.Context("how do I set up dynamic batching for model serving", [], 4000);

        var named = context.Decision.Steps.Select(s => s.Pack).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(context.Sections);
        Assert.Contains(context.Sections[0].Pack, named);
        Assert.DoesNotContain(context.Sections, s => named.Contains(s.Pack) && s.Text.Contains("impostor", StringComparison.Ordinal));
        Assert.All(context.Sections.Where(s => s.Text.Contains("impostor", StringComparison.Ordinal)), s => Assert.Equal("evil-ml-production", s.Pack));
    }

    [Fact]
    public void SamePackTwice_IsLoadedOnceWhateverTheOrderGiven()
    {
        using var a = SheetFixture.Standard();
        using var b = SheetFixture.Standard();

        var ab = PackLibrary.Load([], [a.Root, b.Root]);
        var ba = PackLibrary.Load([], [b.Root, a.Root]);

        Assert.Equal(ab.Packs.Select(p => p.Id), ba.Packs.Select(p => p.Id));
        Assert.Contains(ab.Diagnostics, d => d.Message.Contains("loaded already", StringComparison.Ordinal));
        Assert.StartsWith(a.Root, ab.FindPack("yzmir-ml-production")!.SkillFile, StringComparison.Ordinal);
        Assert.StartsWith(b.Root, ba.FindPack("yzmir-ml-production")!.SkillFile, StringComparison.Ordinal);
    }

    /// <summary>A decision, its context sections, open, listings and the sheets hosts serve as resources all write a pack's name one way.</summary>
    [Theory]
    [InlineData("how do I set up dynamic batching for model serving")]
    [InlineData("which vector database for RAG retrieval in production")]
    [InlineData("Quantize our Llama-2-13b with AWQ and serve it on an A100")]
    public void EveryHost_NamesEachPackTheSameWay(string question)
    {
        var service = new WayfinderService(Routers.BuiltIn, PackLibrary.Load([], [SharedPacks.Directory]));

        var context = service.Context(question, [], 8000);
        var decisionPacks = context.Decision.Steps.Select(s => s.Pack).Concat(context.Decision.Handoffs.Select(h => h.Pack)).ToHashSet();
        var listed = service.PackInfos.Select(p => p.Id).ToHashSet();
        var onDisk = service.Library.Packs.Select(p => p.Id).ToHashSet();

        Assert.NotEmpty(context.Sections);
        Assert.Contains(context.Sections[0].Pack, decisionPacks);
        Assert.All(context.Sections, s => Assert.Contains(s.Pack, onDisk));
        Assert.All(decisionPacks, p => Assert.Contains(p, listed));
        Assert.All(decisionPacks, p => Assert.Contains(p, onDisk));
        foreach (var section in context.Sections)
        {
            var opened = service.Open($"{section.Pack}/{section.Sheet}", null);
            Assert.All(opened, o => Assert.Equal(section.Pack, o.Pack));
        }

        var json = WayfinderJson.Serialize(context.Decision);
        Assert.DoesNotContain("\"pack\":\"ml-production\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"pack\":\"llm-specialist\"", json, StringComparison.Ordinal);
    }
}
