using System.Globalization;

namespace Wayfinder.Reporting;

/// <summary>
/// Writes a <see cref="RouterLayout"/> as inline SVG: a legend, the column
/// headings, the lines under the boxes, and one group per box with its whole
/// text as a tooltip. A sheet's group carries <c>data-sheet="pack/sheet"</c>;
/// one no router leads to also carries the class <c>unreached</c>. The look
/// is in the report's style sheet, by class, so the drawing holds no colour.
/// </summary>
internal static class SvgRouterDrawing
{
    /// <summary>The legend's entries: the class of the box, and what it stands for.</summary>
    private static readonly (string Class, string Text)[] Legend =
    [
        ("concern", "concern"),
        ("sheet", "sheet"),
        ("sheet unreached", "sheet no router leads to"),
        ("question", "question and answers"),
        ("handoff", "hand-off to another pack"),
    ];

    /// <summary>How far a line from an answer to the next question loops out of its column.</summary>
    private const int LoopWidth = 30;

    public static void Write(TextWriter output, ReportPack pack, RouterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(layout);
        // A drawing narrower than its legend (a pack of sheets alone) is widened to show all of it.
        var width = Math.Max(layout.Width, LegendWidth + RouterLayout.Margin);
        output.Write(Invariant($"<svg class=\"router\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {layout.Height}\" width=\"{width}\" height=\"{layout.Height}\" data-pack=\"{Html.Attribute(pack.Id)}\">\n"));
        output.Write($"<title>{Html.Text($"The router of {pack.Id}")}</title>\n");
        WriteLegend(output);
        foreach (var column in layout.Columns)
        {
            output.Write(Invariant($"<text class=\"column\" x=\"{column.X}\" y=\"{RouterLayout.Margin + RouterLayout.LegendHeight + 12}\">{Html.Text(column.Title)}</text>\n"));
        }

        foreach (var edge in layout.Edges)
        {
            WriteEdge(output, edge);
        }

        foreach (var node in layout.Nodes)
        {
            WriteNode(output, pack, node);
        }

        output.Write("</svg>\n");
    }

    /// <summary>Where each legend entry starts, and the right end of the last.</summary>
    private static readonly int[] LegendStops = Stops();

    private static int LegendWidth => LegendStops[^1];

    private static int[] Stops()
    {
        var stops = new int[Legend.Length + 1];
        stops[0] = RouterLayout.Margin;
        for (var i = 0; i < Legend.Length; i++)
        {
            var entry = LegendSwatch + (int)Math.Ceiling(Legend[i].Text.Length * RouterLayout.CharWidth);
            stops[i + 1] = stops[i] + entry + (i + 1 < Legend.Length ? LegendGap : 0);
        }

        return stops;
    }

    /// <summary>The swatch and the space after it.</summary>
    private const int LegendSwatch = 28;

    private const int LegendGap = 24;

    private static void WriteLegend(TextWriter output)
    {
        var y = RouterLayout.Margin;
        output.Write("<g class=\"legend\">\n");
        for (var i = 0; i < Legend.Length; i++)
        {
            var (cls, text) = Legend[i];
            var x = LegendStops[i];
            output.Write(Invariant($"<rect class=\"{cls}\" x=\"{x}\" y=\"{y}\" width=\"22\" height=\"14\" rx=\"3\"/><text x=\"{x + LegendSwatch}\" y=\"{y + 11}\">{Html.Text(text)}</text>\n"));
        }

        output.Write("</g>\n");
    }

    private static void WriteEdge(TextWriter output, DrawnEdge edge)
    {
        var cls = edge.Kind switch
        {
            EdgeKind.Holds => "holds",
            EdgeKind.Routes => "routes",
            EdgeKind.AsksNext => "asks",
            _ => "handsoff",
        };
        if (edge.Y1 == edge.Y2)
        {
            output.Write(Invariant($"<path class=\"edge {cls}\" d=\"M{edge.X1} {edge.Y1}H{edge.X2}\"/>\n"));
            return;
        }

        // A line between two columns bends halfway; one back into its own column loops out to the right.
        var (out1, out2) = edge.X1 == edge.X2 ? (edge.X1 + LoopWidth, edge.X2 + LoopWidth) : ((edge.X1 + edge.X2) / 2, (edge.X1 + edge.X2) / 2);
        output.Write(Invariant($"<path class=\"edge {cls}\" d=\"M{edge.X1} {edge.Y1}C{out1} {edge.Y1} {out2} {edge.Y2} {edge.X2} {edge.Y2}\"/>\n"));
    }

    private static void WriteNode(TextWriter output, ReportPack pack, DrawnNode node)
    {
        var (cls, data) = node.Kind switch
        {
            NodeKind.Concern => ("concern", "data-concern"),
            NodeKind.Sheet when node.Missing => ("sheet missing", "data-missing-sheet"),
            NodeKind.Sheet when node.Unreached => ("sheet unreached", "data-sheet"),
            NodeKind.Sheet => ("sheet", "data-sheet"),
            NodeKind.Question => ("question", "data-question"),
            NodeKind.Answer => ("answer", "data-answer"),
            NodeKind.Handoff => ("handoff", "data-handoff"),
            _ => ("handoff-sheet", "data-handoff-sheet"),
        };
        var key = node.Kind == NodeKind.Concern && node.Key.Length == 0 ? pack.Id + "/" : node.Key;
        output.Write($"<g class=\"{cls}\" {data}=\"{Html.Attribute(key)}\">");
        output.Write($"<title>{Html.Text(node.Tooltip)}</title>");
        output.Write(Invariant($"<rect x=\"{node.X}\" y=\"{node.Y}\" width=\"{node.Width}\" height=\"{node.Height}\" rx=\"4\"/>"));
        var baseline = node.Kind == NodeKind.Concern ? node.Y + 14 : node.Middle + 4;
        output.Write(Invariant($"<text x=\"{node.X + RouterLayout.Padding}\" y=\"{baseline}\">{Html.Text(node.Label)}</text></g>\n"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
