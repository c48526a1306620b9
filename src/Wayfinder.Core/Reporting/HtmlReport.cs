using System.Collections.Frozen;
using System.Globalization;
using Wayfinder.Lint;

namespace Wayfinder.Reporting;

/// <summary>
/// The report of a set of packs as one HTML file that needs nothing else: its
/// style is inline, it runs no script and loads no font, image or sheet, so it
/// opens offline and can be kept as a build's artifact. It holds a summary and
/// contents, each pack's router drawn (<see cref="SvgRouterDrawing"/>), the
/// lint findings by pack, the overlap warnings, and the routing cases with a
/// confusion matrix per pack. The same input gives the same bytes: nothing is
/// dated, every list is in a stated order, and everything a pack says is
/// escaped (<see cref="Html"/>), since packs are untrusted.
/// </summary>
public static class HtmlReport
{
    /// <summary>The lint codes of the overlap warnings, which have a section of their own.</summary>
    internal static FrozenSet<string> OverlapCodes { get; } = new[] { "routing-overlap", "symptom-overlap" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Writes the report of <paramref name="input"/> to <paramref name="output"/> as one HTML file; the same input gives the same bytes.</summary>
    /// <param name="output">Where the HTML goes.</param>
    /// <param name="input">The packs, findings and cases.</param>
    public static void Write(TextWriter output, ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(input);
        var page = new ReportPage(input);
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write($"<title>{Html.Text($"Wayfinder report: {input.Title}")}</title>\n");
        output.Write($"<style>\n{ReportStyle.Css}</style>\n</head>\n<body>\n");
        output.Write($"<header>\n<h1>Wayfinder report</h1>\n<p class=\"muted\">{Html.Text(input.Title)}</p>\n</header>\n");
        Summary(output, page);
        Contents(output, page);
        RoutersSection.Write(output, page);
        FindingsSection.Write(output, page);
        CasesSection.Write(output, page);
        output.Write("</body>\n</html>\n");
    }

    private static void Summary(TextWriter output, ReportPage page)
    {
        var input = page.Input;
        var errors = input.Findings.Count(f => f.Severity == LintSeverity.Error);
        var warnings = input.Findings.Length - errors;
        var passed = input.Cases.Count(c => c.Passed);
        output.Write("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"figures\">\n");
        Figure(output, "packs", input.Packs.Length, "");
        Figure(output, "sheets", input.SheetCount, "");
        Figure(output, "sheets no router leads to", page.UnreachedCount, page.UnreachedCount > 0 ? "warning" : "");
        Figure(output, "lint errors", errors, errors > 0 ? "error" : "");
        Figure(output, "lint warnings", warnings, warnings > 0 ? "warning" : "");
        Figure(output, "overlap warnings", page.Overlaps.Count, page.Overlaps.Count > 0 ? "warning" : "");
        if (input.Cases.IsEmpty)
        {
            output.Write("<tr><th>routing cases</th><td>none run</td></tr>\n");
        }
        else
        {
            Figure(output, "routing cases passed", passed, "");
            Figure(output, "routing cases failed", input.Cases.Length - passed, input.Cases.Length > passed ? "error" : "");
        }

        output.Write("</table>\n</section>\n");
    }

    private static void Figure(TextWriter output, string name, int value, string cls)
    {
        var attribute = cls.Length > 0 ? $" class=\"{cls}\"" : "";
        output.Write($"<tr><th>{Html.Text(name)}</th><td{attribute}>{value.ToString(CultureInfo.InvariantCulture)}</td></tr>\n");
    }

    private static void Contents(TextWriter output, ReportPage page)
    {
        output.Write("<nav id=\"contents\">\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n<li><a href=\"#routers\">Routers</a>\n<ol class=\"packs\">\n");
        foreach (var pack in page.Input.Packs)
        {
            output.Write($"<li><a href=\"#{page.Anchor(pack.Id)}\">{Html.Text(pack.Id)}</a></li>\n");
        }

        output.Write("</ol>\n</li>\n<li><a href=\"#findings\">Lint findings</a></li>\n<li><a href=\"#overlaps\">Overlap warnings</a></li>\n<li><a href=\"#cases\">Routing cases</a></li>\n</ol>\n</nav>\n");
    }
}
