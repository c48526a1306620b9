using System.Globalization;

namespace Wayfinder.Reporting;

/// <summary>
/// The routing cases by pack: a table of the cases, then a confusion matrix
/// of the sheet each expects (rows) against the sheet chosen (columns), the
/// pack's own sheets in its order first, then any other named, then "none".
/// </summary>
internal static class CasesSection
{
    /// <summary>What stands for no sheet in the matrix: the case expects a question asked back, or nothing was chosen.</summary>
    public const string NoSheet = "(none)";

    public static void Write(TextWriter output, ReportPage page)
    {
        var input = page.Input;
        output.Write("<section id=\"cases\">\n<h2>Routing cases</h2>\n");
        if (input.Cases.IsEmpty)
        {
            output.Write("<p>No routing cases were run.</p>\n</section>\n");
            return;
        }

        var order = input.Packs.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groups = input.Cases.GroupBy(c => c.Pack, StringComparer.Ordinal)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var cases = group.ToList();
            var passed = cases.Count(c => c.Passed);
            output.Write($"<h3>{Html.Text(group.Key)}</h3>\n<p class=\"muted\">{Number(passed)} passed, {Number(cases.Count - passed)} failed</p>\n");
            Table(output, page, cases);
            Matrix(output, input.Packs.FirstOrDefault(p => p.Id == group.Key), cases);
        }

        output.Write("</section>\n");
    }

    private static void Table(TextWriter output, ReportPage page, List<ReportCase> cases)
    {
        output.Write("<table class=\"cases\">\n<thead><tr><th>where</th><th>question</th><th>expected</th><th>chosen</th><th>result</th><th>detail</th></tr></thead>\n<tbody>\n");
        foreach (var c in cases)
        {
            var where = page.Relative(c.File) + (c.Line > 0 ? ":" + Number(c.Line) : "");
            var result = c.Passed ? "<td class=\"pass\">passed</td>" : "<td class=\"error\">failed</td>";
            output.Write($"<tr><td><code>{Html.Text(where)}</code></td><td>{Html.Text(c.Query)}</td><td><code>{Html.Text(c.Expected ?? NoSheet)}</code></td><td><code>{Html.Text(c.Chosen ?? NoSheet)}</code></td>{result}<td>{Html.Text(c.Detail)}</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }

    private static void Matrix(TextWriter output, ReportPack? pack, List<ReportCase> cases)
    {
        var named = cases.SelectMany(c => new[] { c.Expected, c.Chosen }).Where(s => s is not null).Select(s => s!).ToHashSet(StringComparer.Ordinal);
        var own = pack?.Source.Sheets.Select(s => s.Id).Where(named.Contains).ToList() ?? [];
        List<string> labels = [.. own, .. named.Except(own, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (cases.Exists(c => c.Expected is null || c.Chosen is null))
        {
            labels.Add(NoSheet);
        }

        var counts = cases.GroupBy(c => (Expected: c.Expected ?? NoSheet, Chosen: c.Chosen ?? NoSheet)).ToDictionary(g => g.Key, g => g.Count());
        output.Write("<table class=\"matrix\">\n<caption>expected sheet (rows) × chosen sheet (columns)</caption>\n<thead><tr><th></th>");
        foreach (var label in labels)
        {
            output.Write($"<th scope=\"col\"><code>{Html.Text(label)}</code></th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        foreach (var expected in labels)
        {
            output.Write($"<tr><th scope=\"row\"><code>{Html.Text(expected)}</code></th>");
            foreach (var chosen in labels)
            {
                var n = counts.GetValueOrDefault((expected, chosen));
                var cls = n == 0 ? "" : expected == chosen ? " class=\"hit\"" : " class=\"miss\"";
                output.Write($"<td{cls}>{(n == 0 ? "" : Number(n))}</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
