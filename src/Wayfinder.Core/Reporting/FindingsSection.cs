using System.Globalization;
using Wayfinder.Lint;

namespace Wayfinder.Reporting;

/// <summary>The lint findings by pack (the overlap warnings apart, in a section of their own), each with its file and line relative to the report's root.</summary>
internal static class FindingsSection
{
    /// <summary>The group of findings in files no loaded pack holds.</summary>
    public const string OtherFiles = "other files";

    public static void Write(TextWriter output, ReportPage page)
    {
        var input = page.Input;
        var listed = input.Findings.Where(f => !HtmlReport.OverlapCodes.Contains(f.Code)).ToList();
        output.Write("<section id=\"findings\">\n<h2>Lint findings</h2>\n");
        if (listed.Count == 0)
        {
            output.Write("<p>No findings.</p>\n");
        }
        else
        {
            var order = input.Packs.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var groups = listed.GroupBy(f => page.Owner(f.File)?.Id).OrderBy(g => g.Key is null ? int.MaxValue : order[g.Key]);
            foreach (var group in groups)
            {
                var errors = group.Count(f => f.Severity == LintSeverity.Error);
                var title = group.Key ?? OtherFiles;
                output.Write($"<h3>{Html.Text(title)}</h3>\n<p class=\"muted\">{errors.ToString(CultureInfo.InvariantCulture)} errors, {(group.Count() - errors).ToString(CultureInfo.InvariantCulture)} warnings</p>\n");
                Table(output, page, group);
            }
        }

        output.Write("</section>\n<section id=\"overlaps\">\n<h2>Overlap warnings</h2>\n");
        output.Write("<p class=\"muted\">Words or symptoms that lead to more than one place: a question that uses them is one the router will have to settle by asking.</p>\n");
        if (page.Overlaps.Count == 0)
        {
            output.Write("<p>No overlaps.</p>\n");
        }
        else
        {
            Table(output, page, page.Overlaps);
        }

        output.Write("</section>\n");
    }

    private static void Table(TextWriter output, ReportPage page, IEnumerable<LintFinding> findings)
    {
        output.Write("<table class=\"findings\">\n<thead><tr><th>severity</th><th>code</th><th>where</th><th>finding</th></tr></thead>\n<tbody>\n");
        foreach (var finding in findings)
        {
            var where = page.Relative(finding.File);
            if (finding.Line > 0)
            {
                where += string.Create(CultureInfo.InvariantCulture, $":{finding.Line}:{finding.Column}");
            }

            var cls = finding.Severity == LintSeverity.Error ? "error" : "warning";
            output.Write($"<tr><td class=\"{cls}\">{Html.Text(finding.Severity)}</td><td><code>{Html.Text(finding.Code)}</code></td><td><code>{Html.Text(where)}</code></td><td>{Html.Text(finding.Message)}</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }
}
