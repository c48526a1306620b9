using System.Globalization;

namespace Wayfinder.Reporting;

/// <summary>The routers section: for each pack, what its routing model holds and its drawing.</summary>
internal static class RoutersSection
{
    public static void Write(TextWriter output, ReportPage page)
    {
        output.Write("<section id=\"routers\">\n<h2>Routers</h2>\n");
        output.Write("<p class=\"muted\">Each pack's router as Wayfinder reads it: its routing manifest when one sits beside SKILL.md, else what SKILL.md implies. ");
        output.Write("A sheet no router leads to is drawn dashed: no facet, answer, rule or hand-off of any pack names it, so only its words can rank it. Hover over a box for its whole text.</p>\n");
        foreach (var pack in page.Input.Packs)
        {
            Pack(output, page, pack);
        }

        output.Write("</section>\n");
    }

    private static void Pack(TextWriter output, ReportPage page, ReportPack pack)
    {
        output.Write($"<section class=\"pack\" id=\"{page.Anchor(pack.Id)}\">\n<h3>{Html.Text(pack.Id)}</h3>\n");
        var unreached = pack.Source.Sheets.Count(s => !page.Reached.Contains(pack.Id + "/" + s.Id));
        var routing = pack.Routing;
        var from = pack.Source.Manifest is not null ? "its routing manifest" : routing is null ? "nothing: its SKILL.md implies no router" : "what its SKILL.md implies";
        var facts = new List<string>
        {
            Count(pack.Source.Sheets.Length, "sheet"),
            Count(routing?.Concerns.Length ?? 0, "concern"),
            Count(routing?.Questions.Length ?? 0, "clarifying question"),
            Count(routing?.Rules.Length ?? 0, "rule"),
            Count(routing?.SisterPacks.Length ?? 0, "sister pack"),
        };
        if (unreached > 0)
        {
            facts.Add($"{Count(unreached, "sheet")} no router leads to");
        }

        output.Write($"<p class=\"muted\">{Html.Text(string.Join(", ", facts))}; read from {Html.Text(from)} ({Html.Text(page.Relative(pack.Source.SkillFile))}).</p>\n");
        output.Write("<div class=\"figure\">\n");
        SvgRouterDrawing.Write(output, pack, RouterLayout.Of(pack, page.Reached));
        output.Write("</div>\n</section>\n");
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");
}
