using Wayfinder.Benchmarks;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Lint;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>
/// Fuzz-style: every kind of hostile Markdown, at sizes around each cap and with
/// several seeds, as a sheet and inside SKILL.md. Loading, lint, the router the
/// Markdown implies and a route all finish without an exception, and a file
/// refused is refused with one diagnostic of its own. How long each takes is
/// measured by <c>HostileInputBenchmarks</c>, not here.
/// </summary>
public sealed class PathologicalMarkdownTests
{
    public static TheoryData<string> Kinds() => [.. PathologicalMarkdown.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LoadLintAndRoute_HostileMarkdown_FinishWithoutAnExceptionAndOneDiagnosticPerFile(string kind)
    {
        foreach (var size in new[] { 0, 1, 2, 31, 33, 63, 65, 129, 600 })
        {
            for (var seed = 0; seed < 3; seed++)
            {
                using var f = new SheetFixture();
                PathologicalMarkdown.WritePack(f.Root, kind, size, seed);
                f.Write("acme-plain/skills/using-plain/SKILL.md", "---\nname: using-plain\ndescription: d\n---\n# Plain\n\n- [a.md](a.md) - alpha\n");
                f.Write("acme-plain/skills/using-plain/a.md", "# A\n\nalpha\n");

                var library = PackLibrary.Load([], [f.Root]);
                var findings = PackLinter.Lint(library);

                var context = $"{kind} size {size} seed {seed}";
                Assert.True(library.FindPack("acme-plain") is not null, context);
                foreach (var file in library.Diagnostics.GroupBy(d => d.File))
                {
                    Assert.True(file.Count() == 1, $"{context}: {string.Join("; ", file)}");
                }

                Assert.All(findings.Where(x => x.Code == "load"), x => Assert.StartsWith("refused:", x.Message, StringComparison.Ordinal));
                foreach (var pack in library.Packs)
                {
                    var decision = new MarkdownRouter(pack, [.. library.Packs.Where(p => p != pack)]).Route("why is it slow", []);
                    Assert.NotNull(decision);
                }
            }
        }
    }

    [Theory]
    [InlineData("nested-quotes", 70, "nested more than")]
    [InlineData("nested-brackets", 40, "brackets nested more than")]
    [InlineData("nested-link-labels", 40, "brackets nested more than")]
    [InlineData("alternating-emphasis", 600, "runs of '*' or '_'")]
    [InlineData("reference-definitions", 600, "link reference definitions")]
    public void Load_PastACap_IsRefusedSayingWhichCap(string kind, int size, string says)
    {
        using var f = new SheetFixture();
        var skill = PathologicalMarkdown.WritePack(f.Root, kind, size);

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Contains(library.Diagnostics, d => d.File == Path.Combine(skill, "SKILL.md") && d.Message.Contains(says, StringComparison.Ordinal));
        Assert.Empty(library.Packs);
    }

    [Fact]
    public void Load_CapsOnlyCountWhatMarkdigParses_CodeFencesAndSeparateBlocksAreFree()
    {
        using var f = new SheetFixture();
        var fenced = "```json\n" + new string('[', 200) + new string(']', 200) + "\n```\n";
        var list = string.Concat(Enumerable.Range(0, 2_000).Select(i => $"- **item {i}** with *emphasis*\n"));
        f.Write("acme-demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: d\n---\n# Demo\n\n- [a.md](a.md) - alpha\n");
        f.Write("acme-demo/skills/using-demo/a.md", "# A\n\n" + fenced + "\n" + list);

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Empty(library.Diagnostics);
        Assert.Single(library.FindPack("acme-demo")!.Sheets);
    }
}
