using System.Text.RegularExpressions;
using System.Xml.Linq;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Reporting;
using Xunit;

namespace Wayfinder.Core.Tests.Reporting;

public sealed partial class HtmlReportTests
{
    private const string Router = """
        ---
        name: using-demo
        description: Routes demo questions to the demo sheets.
        ---
        # Demo router

        ## Caching

        - [alpha.md](alpha.md) for cache invalidation questions

        ## Storage

        - [beta-sheet.md](beta-sheet.md) for disk layout questions
        """;

    /// <summary>A pack of three sheets whose router names two: <c>gamma-notes</c> is reached by no router.</summary>
    private static SheetFixture Demo(string router = Router)
    {
        var f = new SheetFixture();
        f.Write("demo/skills/using-demo/SKILL.md", router);
        f.Write("demo/skills/using-demo/alpha.md", "# Alpha\n\nAlpha text.\n");
        f.Write("demo/skills/using-demo/beta-sheet.md", "# Beta\n\nBeta text.\n");
        f.Write("demo/skills/using-demo/gamma-notes.md", "# Gamma\n\nGamma text.\n");
        return f;
    }

    private static ReportInput Input(string root, IReadOnlyList<ReportCase>? cases = null, IReadOnlyList<LintFinding>? findings = null)
    {
        var library = PackLibrary.Load([], [root]);
        return ReportInput.Create("demo", ReportInput.CommonRoot([root]), library, findings ?? PackLinter.Lint(library), cases ?? []);
    }

    private static string Render(ReportInput input)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        HtmlReport.Write(writer, input);
        return writer.ToString();
    }

    private static List<string> SheetKeys(string html) =>
        [.. DataSheet().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["key"].Value))];

    [Fact]
    public void Report_DrawsOneNodePerSheet_KeyedByPackAndSheet()
    {
        using var f = Demo();
        var input = Input(f.Root);

        var html = Render(input);

        Assert.Equal(["demo/alpha", "demo/beta-sheet", "demo/gamma-notes"], SheetKeys(html).Order(StringComparer.Ordinal));
        Assert.Equal(input.SheetCount, SheetKeys(html).Count);
    }

    [Fact]
    public void Report_SheetNoRouterNames_IsMarkedUnreached_AndTheLegendSaysWhatThatIs()
    {
        using var f = Demo();

        var html = Render(Input(f.Root));

        Assert.Contains("<g class=\"sheet unreached\" data-sheet=\"demo/gamma-notes\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"sheet\" data-sheet=\"demo/alpha\">", html, StringComparison.Ordinal);
        Assert.Contains("<g class=\"sheet\" data-sheet=\"demo/beta-sheet\">", html, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"sheet unreached\"", html, StringComparison.Ordinal);
        Assert.Contains("sheet no router leads to", html, StringComparison.Ordinal);
        Assert.Matches(@"<th>sheets no router leads to</th><td class=""warning"">1</td>", html);
    }

    [Fact]
    public void Report_HostileText_IsEscapedEverywhere()
    {
        const string Hostile = "<script>alert(1)</script>\"' onload=\"x\" </svg></title>&amp;\u001b[31m\u202egnp.exe";
        using var f = new SheetFixture();
        var skill = "---\nname: using-evil\ndescription: '<script>alert(1)</script>'\n---\n# " + Hostile + "\n\n## " + Hostile + "\n\n- [x.md](x.md) " + Hostile + "\n";
        f.Write("evil/skills/using-evil/SKILL.md", skill);
        f.Write("evil/skills/using-evil/x.md", "# " + Hostile + "\n");
        f.Write("evil/skills/using-evil/a\"><script>b.md", "# sheet\n");
        var file = Path.Combine(f.Root, "evil/skills/using-evil/x.md");
        var finding = new LintFinding(LintSeverity.Error, "load", file, 3, 1, Hostile);
        var testCase = new ReportCase("evil", file, 2, Hostile, Hostile, null, false, Hostile);

        var html = Render(Input(f.Root, [testCase], [finding]));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u202e', html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("\\x1b[31m\\u202egnp.exe", html, StringComparison.Ordinal);
        Assert.Contains("evil/a\"><script>b", SheetKeys(html));
        Assert.Equal(1, Regex.Count(html, "</svg>"));
    }

    [Fact]
    public void Report_Drawings_AreWellFormedXml()
    {
        using var f = Demo();

        var html = Render(Input(f.Root));

        var drawings = Drawing().Matches(html);
        Assert.NotEmpty(drawings);
        foreach (Match drawing in drawings)
        {
            var svg = XDocument.Parse(drawing.Value).Root!;
            Assert.Equal("svg", svg.Name.LocalName);
        }
    }

    [Fact]
    public void Report_SameInput_GivesTheSameBytes()
    {
        using var f = Demo();

        var first = Render(Input(f.Root));
        var second = Render(Input(f.Root));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Report_OfTheSharedPacks_IsTheSameTwiceAndOneNodePerSheet()
    {
        var first = Render(Input(SharedPacks.Directory));
        var input = Input(SharedPacks.Directory);
        var second = Render(input);

        Assert.Equal(first, second);
        Assert.Equal(input.SheetCount, SheetKeys(second).Count);
    }

    [Fact]
    public void Report_ReferencesNothingOutsideItself()
    {
        using var f = Demo();

        var html = Render(Input(f.Root, [new ReportCase("demo", "cases.md", 1, "q", "alpha", "alpha", true, "")]));

        Assert.DoesNotMatch(@"\bsrc\s*=", html);
        Assert.DoesNotMatch(@"<link\b", html);
        Assert.DoesNotMatch(@"<script\b", html);
        Assert.DoesNotMatch(@"@import", html);
        Assert.DoesNotMatch(@"url\s*\(", html);
        Assert.DoesNotMatch(@"href\s*=\s*""(?!#)", html);
        // The one address in the page is the SVG namespace, which names and loads nothing.
        Assert.DoesNotContain(Regex.Matches(html, @"https?://"), m => !html.AsSpan(m.Index).StartsWith("http://www.w3.org/2000/svg\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_FindingsAreGroupedByPack_WithPathsRelativeToTheRoot_AndOverlapsApart()
    {
        using var f = Demo();
        var skill = Path.Combine(f.Root, "demo/skills/using-demo/SKILL.md");
        var findings = new[]
        {
            new LintFinding(LintSeverity.Error, "broken-link", skill, 7, 3, "link to 'nowhere.md' resolves to nothing"),
            new LintFinding(LintSeverity.Warning, "symptom-overlap", skill, 9, 1, "symptom listed under two headings"),
            new LintFinding(LintSeverity.Warning, "routing-overlap", skill, 11, 1, "two sheets claim one word"),
            new LintFinding(LintSeverity.Error, "load", "/elsewhere/marketplace.json", 1, 1, "not JSON"),
        };

        var html = Render(Input(f.Root, findings: findings));

        var lint = Section(html, "findings");
        Assert.Contains("<h3>demo</h3>", lint, StringComparison.Ordinal);
        Assert.Contains("<code>demo/skills/using-demo/SKILL.md:7:3</code>", lint, StringComparison.Ordinal);
        Assert.Contains("<h3>other files</h3>", lint, StringComparison.Ordinal);
        Assert.Contains("<code>/elsewhere/marketplace.json:1:1</code>", lint, StringComparison.Ordinal);
        Assert.DoesNotContain("overlap", lint, StringComparison.Ordinal);
        var overlaps = Section(html, "overlaps");
        Assert.Contains("<code>symptom-overlap</code>", overlaps, StringComparison.Ordinal);
        Assert.Contains("<code>routing-overlap</code>", overlaps, StringComparison.Ordinal);
        Assert.Contains("<code>demo/skills/using-demo/SKILL.md:11:1</code>", overlaps, StringComparison.Ordinal);
        Assert.Matches(@"<th>lint errors</th><td class=""error"">2</td>", html);
        Assert.Matches(@"<th>lint warnings</th><td class=""warning"">2</td>", html);
    }

    [Fact]
    public void Report_WithoutCases_SaysNoneWereRun()
    {
        using var f = Demo();

        var html = Render(Input(f.Root));

        Assert.Contains("<p>No routing cases were run.</p>", Section(html, "cases"), StringComparison.Ordinal);
        Assert.Contains("<th>routing cases</th><td>none run</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Cases_AreTabledWithAConfusionMatrixBySheet()
    {
        using var f = Demo();
        var cases = new[]
        {
            new ReportCase("demo", Path.Combine(f.Root, "cases.md"), 3, "cache goes stale", "alpha", "alpha", true, ""),
            new ReportCase("demo", Path.Combine(f.Root, "cases.md"), 7, "cache keys", "alpha", "beta-sheet", false, "expected alpha first"),
            new ReportCase("demo", Path.Combine(f.Root, "cases.md"), 9, "which disk", "beta-sheet", null, false, "asked instead"),
        };

        var html = Render(Input(f.Root, cases));

        var section = Section(html, "cases");
        Assert.Contains("1 passed, 2 failed", section, StringComparison.Ordinal);
        Assert.Contains("<code>cases.md:7</code>", section, StringComparison.Ordinal);
        var matrix = section[section.IndexOf("<table class=\"matrix\">", StringComparison.Ordinal)..];
        var rows = Regex.Matches(matrix, "<tr><th scope=\"row\"><code>(?<label>[^<]*)</code></th>(?<cells>.*?)</tr>")
            .Select(m => m.Groups["label"].Value + ": " + string.Join(",", Regex.Matches(m.Groups["cells"].Value, "<td[^>]*>([^<]*)</td>").Select(c => c.Groups[1].Value)))
            .ToList();
        Assert.Equal(["alpha: 1,1,", "beta-sheet: ,,1", "(none): ,,"], rows);
        Assert.Matches(@"<th>routing cases passed</th><td>1</td>", html);
        Assert.Matches(@"<th>routing cases failed</th><td class=""error"">2</td>", html);
    }

    [Fact]
    public void Report_HasASummaryAndContentsLinkingEverySection()
    {
        using var f = Demo();

        var html = Render(Input(f.Root));

        foreach (var id in new[] { "summary", "routers", "pack-demo", "findings", "overlaps", "cases" })
        {
            Assert.Contains($"href=\"#{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.True(html.IndexOf("id=\"summary\"", StringComparison.Ordinal) < html.IndexOf("id=\"contents\"", StringComparison.Ordinal));
    }

    /// <summary>The text of the section with <paramref name="id"/>, up to the next section.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("<section id=", start + 1, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    [GeneratedRegex("data-sheet=\"(?<key>[^\"]*)\"")]
    private static partial Regex DataSheet();

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Drawing();
}
