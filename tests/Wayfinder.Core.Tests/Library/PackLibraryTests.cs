using System.Text;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

public sealed class PackLibraryTests
{
    private const string Skill = "---\nname: using-demo\ndescription: Routes demo questions.\n---\n# Demo router\n\nRead the sheets.\n";

    private static PackLibrary Market(SheetFixture f) => PackLibrary.Load([], [f.Root]);

    private static PackDiagnostic Diagnostic(PackLibrary library, string fileEnd, string messagePart)
    {
        var matching = library.Diagnostics.Where(d => d.File.EndsWith(fileEnd, StringComparison.Ordinal) && d.Message.Contains(messagePart, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one diagnostic for {fileEnd} containing '{messagePart}', got:{Environment.NewLine}{string.Join(Environment.NewLine, library.Diagnostics)}");
        return matching[0];
    }

    [Fact]
    public void Load_Marketplace_ReadsEveryPackWithItsFrontmatterAndSheets()
    {
        using var f = SheetFixture.Standard();
        f.Write("demo/skills/using-demo/SKILL.md", Skill);
        f.Write("demo/skills/using-demo/first.md", "# First\n\ntext\n");

        var library = Market(f);

        Assert.Empty(library.Diagnostics);
        Assert.Equal(["demo", "yzmir-llm-specialist", "yzmir-ml-production"], library.Packs.Select(p => p.Id));
        var demo = library.FindPack("demo")!;
        Assert.Equal("using-demo", demo.Name);
        Assert.Equal("Routes demo questions.", demo.Description);
        Assert.Equal(["first"], demo.Sheets.Select(s => s.Id));
        Assert.Equal("demo/skills/using-demo/first.md", demo.Sheets[0].File);
    }

    [Theory]
    [InlineData("yzmir-ml-production")]
    [InlineData("ml-production")]
    [InlineData("using-ml-production")]
    public void FindSheet_AnySpellingOfThePack_FindsTheSheet(string pack)
    {
        using var f = SheetFixture.Standard();
        f.Write("yzmir-ml-production/skills/using-ml-production/SKILL.md", "---\nname: using-ml-production\ndescription: d\n---\n# R\n");

        var sheet = Market(f).FindSheet(pack, "model-serving-patterns.md");

        Assert.NotNull(sheet);
        Assert.Equal("model-serving-patterns", sheet.Id);
    }

    [Fact]
    public void Load_SkillFolder_NamesThePackAfterTheFolderAboveSkills()
    {
        using var f = SheetFixture.Standard();

        var library = PackLibrary.Load([Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production")], []);

        Assert.Equal("yzmir-ml-production", Assert.Single(library.Packs).Id);
    }

    [Fact]
    public void Sections_AreWholeMarkdownSectionsWithLinesAndHeadingPaths()
    {
        using var f = SheetFixture.Standard();

        var sheet = Market(f).FindSheet("yzmir-ml-production", "quantization-for-inference")!;

        Assert.Equal("Quantization for inference", sheet.Title);
        Assert.Equal(
            ["Quantization for inference", "Quantization for inference > Post-training quantization",
             "Quantization for inference > Post-training quantization > Calibration data", "Quantization for inference > Quantization-aware training"],
            sheet.Sections.Select(s => s.HeadingPath));
        var ptq = sheet.Sections[1];
        Assert.Contains("# not a heading", ptq.Text, StringComparison.Ordinal);
        Assert.Contains("```", ptq.Text, StringComparison.Ordinal);
        var lines = File.ReadAllLines(sheet.FullPath);
        Assert.Equal("## Post-training quantization", lines[ptq.StartLine - 1]);
        Assert.Equal(string.Join('\n', lines[(ptq.StartLine - 1)..ptq.EndLine]), ptq.Text);
    }

    [Fact]
    public void Load_MissingSkillFile_IsReportedAndTheOtherPacksLoad()
    {
        using var f = SheetFixture.Standard();
        f.Write("broken/skills/using-broken/sheet.md", "# Sheet\n");

        var library = Market(f);

        Diagnostic(library, Path.Combine("using-broken", "SKILL.md"), "needs a SKILL.md");
        Assert.Equal(2, library.Packs.Length);
    }

    [Fact]
    public void Load_MalformedFrontmatter_IsReportedWithItsLine()
    {
        using var f = SheetFixture.Standard();
        f.Write("broken/skills/using-broken/SKILL.md", "---\nname: using-broken\ndescription: [unclosed\n---\n# R\n");

        var library = Market(f);

        var d = Diagnostic(library, "SKILL.md", "malformed frontmatter");
        Assert.InRange(d.Line, 2, 5);
        Assert.Equal(3, library.Packs.Length);
    }

    [Fact]
    public void Load_FrontmatterAliasBomb_IsRefusedWithItsLine()
    {
        using var f = SheetFixture.Standard();
        var bomb = new StringBuilder("---\nname: using-bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 9; i++)
        {
            bomb.Append(CultureInfoName(i + 1)).Append(": &").Append(CultureInfoName(i + 1)).Append(" [*").Append(i == 0 ? "a" : CultureInfoName(i)).Append(",*").Append(i == 0 ? "a" : CultureInfoName(i)).Append(",*").Append(i == 0 ? "a" : CultureInfoName(i)).Append("]\n");
        }

        bomb.Append("---\n# R\n");
        f.Write("bomb/skills/using-bomb/SKILL.md", bomb.ToString());

        var library = Market(f);

        var d = Diagnostic(library, "SKILL.md", "frontmatter refused");
        Assert.Equal(3, d.Line);
        Assert.Contains(library.Packs, p => p.Id == "bomb"); // the pack loads; its frontmatter does not
        Assert.Equal("using-bomb", library.FindPack("bomb")!.Name); // the skill folder's name stands in
    }

    private static string CultureInfoName(int i) => "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Load_HugeFile_IsRefusedWithoutReadingIt()
    {
        using var f = SheetFixture.Standard();
        var path = f.Write("yzmir-ml-production/skills/using-ml-production/huge.md", "");
        using (var stream = File.OpenWrite(path))
        {
            stream.SetLength(50L * 1024 * 1024); // sparse: 50 MB on paper
        }

        var library = Market(f);

        Diagnostic(library, "huge.md", "the limit is");
        Assert.DoesNotContain(library.FindPack("yzmir-ml-production")!.Sheets, s => s.Id == "huge");
        Assert.Equal(2, library.FindPack("yzmir-ml-production")!.Sheets.Length);
    }

    [Fact]
    public void Load_BinaryFile_IsRefused()
    {
        using var f = SheetFixture.Standard();
        var path = Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production", "image.md");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);

        var library = Market(f);

        Diagnostic(library, "image.md", "binary file");
        Assert.Equal(2, library.FindPack("yzmir-ml-production")!.Sheets.Length);
    }

    [Fact]
    public void Load_InvalidUtf8_IsRefusedWithTheLineOfTheBadByte()
    {
        using var f = SheetFixture.Standard();
        var path = Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production", "latin1.md");
        File.WriteAllBytes(path, [.. "# Title\n\nline two\ncaf"u8.ToArray(), 0xE9, .. "\n"u8.ToArray()]);

        var library = Market(f);

        Assert.Equal(4, Diagnostic(library, "latin1.md", "not valid UTF-8").Line);
    }

    [Fact]
    public void Load_SymlinkOutOfTheRoot_IsRefusedAndNothingOutsideIsRead()
    {
        using var f = SheetFixture.Standard();
        using var outside = new SheetFixture();
        var secret = outside.Write("secret.md", "# Secret\n\nzanzibar-outside\n");
        var link = Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production", "escape.md");
        File.CreateSymbolicLink(link, secret);
        var dirLink = Path.Combine(f.Root, "linked");
        Directory.CreateSymbolicLink(dirLink, outside.Root);

        var library = Market(f);

        Diagnostic(library, "escape.md", "leads outside the pack root");
        Diagnostic(library, "linked", "leads outside the pack root");
        Assert.DoesNotContain(library.Packs.SelectMany(p => p.Sheets).SelectMany(s => s.Sections), s => s.Text.Contains("zanzibar-outside", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolder_IsReported()
    {
        var library = PackLibrary.Load(["/nonexistent/skill"], ["/nonexistent/market"]);

        Assert.Equal(2, library.Diagnostics.Length);
        Assert.Empty(library.Packs);
    }

    [Fact]
    public void Load_SharedPacks_LoadCleanWithEveryRoutingPackFound()
    {
        var shared = SharedPacks.Directory;

        var library = PackLibrary.Load([], [shared]);

        Assert.True(library.Diagnostics.IsEmpty, string.Join(Environment.NewLine, library.Diagnostics));
        foreach (var id in new[] { "yzmir-ml-production", "yzmir-llm-specialist", "yzmir-training-optimization", "yzmir-pytorch-engineering", "yzmir-neural-architectures", "ordis-security-architect" })
        {
            Assert.NotNull(library.FindPack(id));
        }

        Assert.Equal(10, library.FindPack("yzmir-ml-production")!.Sheets.Length);
        Assert.NotNull(library.FindSheet("yzmir-llm-specialist", "llm-evaluation-metrics"));
    }

    [Fact]
    public void Load_PacksThatReferToEachOther_LoadOnceAndLintClean()
    {
        using var f = new SheetFixture();
        f.Write("pack-a/skills/pack-a/SKILL.md", "---\nname: pack-a\ndescription: A.\n---\n# A\n\n[one.md](one.md); otherwise see [pack-b](../../../pack-b/skills/pack-b/SKILL.md) and `pack-b/two.md`.\n");
        f.Write("pack-a/skills/pack-a/one.md", "# One\n\nBack to [pack-a](SKILL.md) or [pack-b](../../../pack-b/skills/pack-b/two.md).\n");
        f.Write("pack-b/skills/pack-b/SKILL.md", "---\nname: pack-b\ndescription: B.\n---\n# B\n\n[two.md](two.md); otherwise see [pack-a](../../../pack-a/skills/pack-a/SKILL.md) and `pack-a/one.md`.\n");
        f.Write("pack-b/skills/pack-b/two.md", "# Two\n\nBack to [pack-a](../../../pack-a/skills/pack-a/one.md).\n");

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Empty(library.Diagnostics);
        Assert.Equal(["pack-a", "pack-b"], library.Packs.Select(p => p.Id));
        Assert.Empty(Wayfinder.Lint.PackLinter.Lint(library));
    }

    [Fact]
    public void Load_EveryHostileFixture_GivesFileAndLine()
    {
        using var f = SheetFixture.Standard();
        f.Write("broken/skills/using-broken/sheet.md", "# Sheet\n");
        f.Write("bad-yaml/skills/using-bad-yaml/SKILL.md", "---\nname: [x\n---\n");
        var huge = f.Write("yzmir-ml-production/skills/using-ml-production/huge.md", "");
        using (var stream = File.OpenWrite(huge))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        File.WriteAllBytes(Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production", "bin.md"), [0, 1, 2]);
        File.CreateSymbolicLink(Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production", "out.md"), "/etc/hostname");

        var library = Market(f);

        Assert.Equal(5, library.Diagnostics.Length);
        Assert.All(library.Diagnostics, d => Assert.True(d.Line >= 1 && d.File.Length > 0, d.ToString()));
        Assert.All(library.Diagnostics, d => Assert.Matches(@"^/.+:\d+:\d+: ", d.ToString()));
    }
}
