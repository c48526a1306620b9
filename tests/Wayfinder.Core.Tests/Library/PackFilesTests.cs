using Wayfinder.Api;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Lint;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>
/// The one door every pack file goes through: what it refuses, that a refusal
/// is that file's diagnostic alone, and that nothing outside a pack's root is
/// ever read, even when the pack changes under it.
/// </summary>
public sealed class PackFilesTests
{
    private const string Skill = "---\nname: using-demo\ndescription: Routes demo questions.\n---\n# Demo\n\n- [alpha.md](alpha.md) - alpha things\n";

    private static SheetFixture Demo()
    {
        var f = new SheetFixture();
        f.Write("acme-demo/skills/using-demo/SKILL.md", Skill);
        f.Write("acme-demo/skills/using-demo/alpha.md", "# Alpha\n\nAlpha text.\n");
        return f;
    }

    private static string SkillDir(SheetFixture f) => Path.Combine(f.Root, "acme-demo", "skills", "using-demo");

    private static PackLibrary Market(SheetFixture f) => PackLibrary.Load([], [f.Root]);

    private static Wayfinder.Packs.PackDiagnostic Only(PackLibrary library, string file) =>
        Assert.Single(library.Diagnostics, d => d.File.EndsWith(file, StringComparison.Ordinal));

    [Fact]
    public void Load_Fifo_IsRefusedWithoutWaitingAndTheRestLoads()
    {
        using var f = Demo();
        Posix.MakeFifo(Path.Combine(SkillDir(f), "pipe.md"));

        var library = Market(f);

        Assert.Contains("named pipe", Only(library, "pipe.md").Message, StringComparison.Ordinal);
        Assert.Equal(["alpha"], library.FindPack("acme-demo")!.Sheets.Select(s => s.Id));
    }

    [Fact]
    public void Load_Socket_IsRefused()
    {
        using var f = Demo();
        using var socket = Posix.BindSocket(Path.Combine(SkillDir(f), "socket.md"));

        Assert.Contains("socket", Only(Market(f), "socket.md").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeviceReachedThroughALink_IsRefusedAsLeavingTheRoot()
    {
        using var f = Demo();
        File.CreateSymbolicLink(Path.Combine(SkillDir(f), "zero.md"), "/dev/zero");

        Assert.Contains("outside the pack root", Only(Market(f), "zero.md").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HardLinkToAFileOutside_IsRefusedAndOpenCannotServeIt()
    {
        using var f = Demo();
        using var outside = new SheetFixture();
        var secret = outside.Write("secret.md", "# Secret\n\nouter-secret-text\n");
        Posix.HardLink(secret, Path.Combine(SkillDir(f), "beta.md"));

        var library = Market(f);

        Assert.Contains("hard links", Only(library, "beta.md").Message, StringComparison.Ordinal);
        var refused = Assert.Throws<WayfinderError>(() => new WayfinderService(Routers.BuiltIn, library).Open("acme-demo/beta", null));
        Assert.Equal(WayfinderErrorKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Load_DanglingLink_IsCalledALinkToNothing()
    {
        using var f = Demo();
        File.CreateSymbolicLink(Path.Combine(SkillDir(f), "gone.md"), "nowhere.md");

        var message = Only(Market(f), "gone.md").Message;

        Assert.Contains("link to nothing", message, StringComparison.Ordinal);
        Assert.DoesNotContain("outside", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LinkLoop_IsCalledALoop()
    {
        using var f = Demo();
        File.CreateSymbolicLink(Path.Combine(SkillDir(f), "a.md"), "b.md");
        File.CreateSymbolicLink(Path.Combine(SkillDir(f), "b.md"), "a.md");

        var library = Market(f);

        Assert.Contains("loop", Only(library, "a.md").Message, StringComparison.Ordinal);
        Assert.Contains("loop", Only(library, "b.md").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LinkInsideThePack_IsFollowed()
    {
        using var f = Demo();
        File.CreateSymbolicLink(Path.Combine(SkillDir(f), "alias.md"), "alpha.md");

        var library = Market(f);

        Assert.Empty(library.Diagnostics);
        Assert.Equal("Alpha", library.FindSheet("acme-demo", "alias")!.Title);
    }

    [Fact]
    public void Load_FolderLinkedOutOfThePack_IsRefusedAndNotListed()
    {
        using var f = Demo();
        using var outside = new SheetFixture();
        outside.Write("skills/using-other/SKILL.md", Skill);
        Directory.CreateSymbolicLink(Path.Combine(f.Root, "acme-demo", "skills", "using-other"), Path.Combine(outside.Root, "skills", "using-other"));

        var library = Market(f);

        Assert.Contains("outside the pack root", Only(library, "using-other").Message, StringComparison.Ordinal);
        Assert.DoesNotContain(library.Packs, p => p.SkillFile.StartsWith(outside.Root, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(">", 128)]
    [InlineData(">", 70)]
    public void Load_DeeplyNestedQuotes_AreOneDiagnosticForThatFile(string marker, int depth)
    {
        using var f = Demo();
        f.Write("acme-demo/skills/using-demo/deep.md", "# Deep\n\n" + string.Concat(Enumerable.Repeat(marker, depth)) + " text\n");

        var library = Market(f);

        var diagnostic = Only(library, "deep.md");
        Assert.Contains($"nested more than {MarkdownReader.MaxNesting} levels", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Line);
        Assert.Equal(["alpha"], library.FindPack("acme-demo")!.Sheets.Select(s => s.Id));
    }

    [Fact]
    public void Load_DeeplyNestedList_IsOneDiagnosticForThatFile()
    {
        using var f = Demo();
        f.Write("acme-demo/skills/using-demo/list.md", string.Concat(Enumerable.Range(0, 128).Select(i => new string(' ', 2 * i) + "- item\n")));

        var library = Market(f);

        Assert.Contains("nested more than", Only(library, "list.md").Message, StringComparison.Ordinal);
        Assert.Single(library.Packs);
    }

    [Fact]
    public void Load_NestingJustUnderTheCap_IsRead()
    {
        using var f = Demo();
        f.Write("acme-demo/skills/using-demo/deep.md", "# Deep\n\n" + new string('>', 30) + " text\n");

        var library = Market(f);

        Assert.Empty(library.Diagnostics);
        Assert.Equal(2, library.FindPack("acme-demo")!.Sheets.Length);
    }

    [Fact]
    public void Load_DeeplyNestedSkillFile_LeavesThatPackOutAndLoadsTheOthers()
    {
        using var f = Demo();
        f.Write("acme-other/skills/using-other/SKILL.md", Skill + new string('>', 128) + " text\n");

        var library = Market(f);

        Assert.Contains("nested more than", Only(library, "acme-other/skills/using-other/SKILL.md").Message, StringComparison.Ordinal);
        Assert.Equal(["acme-demo"], library.Packs.Select(p => p.Id));
    }

    [Fact]
    public void Lint_LinksOutOfThePacks_SayTheSameWhetherTheTargetExistsOrNot()
    {
        using var f = Demo();
        using var outside = new SheetFixture();
        outside.Write("real.md", "# Real\n");
        var up = string.Concat(Enumerable.Repeat("../", 8));
        var relative = Path.GetRelativePath(Path.GetPathRoot(outside.Root)!, outside.Root).Replace('\\', '/');
        f.Write("acme-demo/skills/using-demo/alpha.md", $"# Alpha\n\n[a]({up}{relative}/real.md)\n\n[b]({up}{relative}/unreal.md)\n");

        var findings = PackLinter.Lint(Market(f)).Where(x => x.File.EndsWith("alpha.md", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, x => Assert.Equal("link-outside", x.Code));
        Assert.Equal(findings[0].Message.Replace("real.md", "", StringComparison.Ordinal), findings[1].Message.Replace("unreal.md", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_NeverReadsTheFileAgain()
    {
        using var f = Demo();
        var library = Market(f);
        File.WriteAllText(Path.Combine(SkillDir(f), "alpha.md"), "# Alpha\n\n[broken](missing.md)\n");

        Assert.Empty(PackLinter.Lint(library));
    }

    /// <summary>
    /// A sheet swapped back and forth between a real file and a link to a file
    /// outside, while lint and open run: nothing from outside ever shows.
    /// </summary>
    [Fact]
    public async Task LintAndOpen_SheetSwappedForALinkOutside_NeverShowTheOutsideText()
    {
        using var f = Demo();
        using var outside = new SheetFixture();
        var secret = outside.Write("secret.md", "# Secret\n\n[outer-secret-text](outer-secret-link.md)\n");
        var sheet = Path.Combine(SkillDir(f), "beta.md");
        File.WriteAllText(sheet, "# Beta\n\nBeta text.\n");
        using var stop = new CancellationTokenSource();
        var swaps = 0;
        var swapper = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref swaps);
                var temp = Path.Combine(SkillDir(f), $".swap-{n % 2}");
                if (n % 2 == 0)
                {
                    File.CreateSymbolicLink(temp, secret);
                }
                else
                {
                    File.WriteAllText(temp, "# Beta\n\nBeta text.\n");
                }

                File.Move(temp, sheet, overwrite: true);
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var seen = new List<string>();
        try
        {
            // Its own thread, so a busy test run cannot starve it; and the reads start once it is swapping.
            SpinWait.SpinUntil(() => Volatile.Read(ref swaps) > 2, TimeSpan.FromSeconds(30));
            for (var run = 0; run < 200; run++)
            {
                var library = Market(f);
                seen.AddRange(PackLinter.Lint(library).Select(x => x.ToString()));
                seen.AddRange(library.Packs.SelectMany(p => p.Sheets).SelectMany(s => s.Sections).Select(s => s.Text));
                if (library.FindSheet("acme-demo", "beta") is not null)
                {
                    seen.AddRange(new WayfinderService(Routers.BuiltIn, library).Open("acme-demo/beta", null).Select(s => s.Text));
                }
            }
        }
        finally
        {
            stop.Cancel();
        }

        await swapper;
        Assert.True(Volatile.Read(ref swaps) > 10, "the sheet was hardly swapped");
        Assert.DoesNotContain(seen, s => s.Contains("outer-secret", StringComparison.Ordinal));
    }
}
