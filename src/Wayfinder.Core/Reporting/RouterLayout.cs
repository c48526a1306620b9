using System.Collections.Immutable;
using Wayfinder.Packs;

namespace Wayfinder.Reporting;

/// <summary>What a drawn box stands for.</summary>
internal enum NodeKind
{
    Concern,
    Sheet,
    Question,
    Answer,
    Handoff,
    HandoffSheet,
}

/// <summary>What a drawn line stands for.</summary>
internal enum EdgeKind
{
    /// <summary>A concern to one of its sheets.</summary>
    Holds,

    /// <summary>An answer to a sheet of the pack.</summary>
    Routes,

    /// <summary>An answer, or a sheet a rule or facet leads to along with it, to another pack or a sheet of it.</summary>
    HandsOff,

    /// <summary>An answer to the question it leads to next, looping round the right of the column.</summary>
    AsksNext,
}

/// <summary>
/// A box of the drawing. <see cref="Key"/> names what it stands for
/// (<c>pack/sheet</c> for a sheet); <see cref="Label"/> is what fits in it and
/// <see cref="Tooltip"/> the whole text.
/// </summary>
internal sealed record DrawnNode(NodeKind Kind, string Key, string Label, string Tooltip, int X, int Y, int Width, int Height)
{
    /// <summary>A sheet no router leads to.</summary>
    public bool Unreached { get; init; }

    /// <summary>A sheet the router names that has no file.</summary>
    public bool Missing { get; init; }

    public int Middle => Y + (Height / 2);

    public int Right => X + Width;
}

internal sealed record DrawnEdge(EdgeKind Kind, int X1, int Y1, int X2, int Y2);

/// <summary>A column's heading and where it stands.</summary>
internal sealed record DrawnColumn(string Title, int X);

/// <summary>
/// A pack's router laid out in columns, left to right: concerns, each beside
/// the sheets it holds; sheets; clarifying questions with one row per answer,
/// a line from each answer to the sheets it routes to (on its left) and the
/// packs it hands off to (on its right); the packs questions are handed off to,
/// with the sheets of theirs named. Every coordinate is a whole pixel worked
/// out here, so the same pack is drawn the same, byte for byte. Rows are one
/// sheet high and the columns do not grow with the pack: a pack of forty
/// sheets is a drawing about a thousand pixels tall.
/// </summary>
internal sealed record RouterLayout(int Width, int Height, ImmutableArray<DrawnColumn> Columns, ImmutableArray<DrawnNode> Nodes, ImmutableArray<DrawnEdge> Edges)
{
    public const int Margin = 16;
    public const int LegendHeight = 30;
    public const int HeadingHeight = 22;
    public const int RowHeight = 20;
    public const int RowGap = 4;
    public const int GroupGap = 12;
    public const int ColumnGap = 56;
    public const int ConcernWidth = 190;
    public const int SheetWidth = 300;
    public const int QuestionWidth = 300;
    public const int HandoffWidth = 270;

    /// <summary>The width of one character of the drawing's 11px monospace text, rounded up.</summary>
    public const double CharWidth = 6.7;

    /// <summary>The padding on each side of a box's text.</summary>
    public const int Padding = 6;

    /// <summary>The label of the group of sheets on disk that the router does not list.</summary>
    public const string UnlistedGroup = "not in the router";

    private static int Top => Margin + LegendHeight + HeadingHeight;

    /// <summary>Lays out <paramref name="pack"/>, marking the sheets not in <paramref name="reached"/> (keys <c>pack/sheet</c>).</summary>
    public static RouterLayout Of(ReportPack pack, IReadOnlySet<string> reached)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(reached);
        var routing = pack.Routing;
        var nodes = new List<DrawnNode>();
        var edges = new List<DrawnEdge>();
        var columns = new List<DrawnColumn>();

        var x = Margin;
        columns.Add(new DrawnColumn("Concerns", x));
        var concernX = x;
        x += ConcernWidth + ColumnGap;
        columns.Add(new DrawnColumn("Sheets", x));
        var sheetX = x;
        x += SheetWidth + ColumnGap;
        var questions = routing?.Questions ?? [];
        var questionX = x;
        if (!questions.IsEmpty)
        {
            columns.Add(new DrawnColumn("Questions", x));
            x += QuestionWidth + ColumnGap;
        }

        var handoffX = x;
        var handoffs = Handoffs(pack);
        if (handoffs.Count > 0)
        {
            columns.Add(new DrawnColumn("Hand-offs", x));
            x += HandoffWidth + ColumnGap;
        }

        var width = x - ColumnGap + Margin;
        var sheets = SheetColumn(pack, reached, concernX, sheetX, nodes, edges);
        var handoffRows = HandoffColumn(handoffs, handoffX, nodes);
        if (questions.IsEmpty)
        {
            // With a question column between them, these lines would cross it: the answers' own lines show the hand-offs instead.
            SheetHandoffs(pack, sheets, handoffRows, edges);
        }
        var bottom = Math.Max(Bottom(nodes), Top);
        if (!questions.IsEmpty)
        {
            bottom = Math.Max(bottom, QuestionColumn(pack, questions, questionX, sheets, handoffRows, nodes, edges));
        }

        return new RouterLayout(width, bottom + Margin, [.. columns], [.. nodes], [.. edges]);
    }

    private static int Bottom(List<DrawnNode> nodes) => nodes.Count == 0 ? 0 : nodes.Max(n => n.Y + n.Height);

    /// <summary>
    /// The concerns and their sheets, a group per concern in the router's order
    /// (its sheets by stage), then the sheets on disk the router does not list.
    /// Each concern is as tall as its group, so no line crosses another.
    /// </summary>
    private static Dictionary<string, DrawnNode> SheetColumn(ReportPack pack, IReadOnlySet<string> reached, int concernX, int sheetX, List<DrawnNode> nodes, List<DrawnEdge> edges)
    {
        var onDisk = pack.Source.Sheets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var groups = new List<(string Key, string Title, string Tooltip, List<string> Sheets)>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        if (pack.Routing is { } routing)
        {
            foreach (var concern in routing.Concerns)
            {
                var held = routing.Sheets.Where(s => s.ConcernId == concern.Id).Select(s => s.Id).Where(listed.Add).ToList();
                var tooltip = string.Join("\n", new[] { concern.Title, concern.Summary, concern.KeyQuestion }.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal));
                groups.Add((concern.Id, concern.Title.Length > 0 ? concern.Title : concern.Id, tooltip, held));
            }

            var loose = routing.Sheets.Select(s => s.Id).Where(listed.Add).ToList();
            if (loose.Count > 0)
            {
                groups.Add(("", "no concern", "Sheets the router lists under no concern it has", loose));
            }
        }

        var unlisted = pack.Source.Sheets.Select(s => s.Id).Where(listed.Add).ToList();
        if (unlisted.Count > 0)
        {
            groups.Add(("", UnlistedGroup, "Sheets on disk that the router's model does not list", unlisted));
        }

        var summaries = pack.Routing?.Sheets.ToDictionary(s => s.Id, s => s.Summary, StringComparer.Ordinal) ?? [];
        var placed = new Dictionary<string, DrawnNode>(StringComparer.Ordinal);
        var y = Top;
        foreach (var (key, title, tooltip, held) in groups)
        {
            var rows = Math.Max(held.Count, 1);
            var height = (rows * (RowHeight + RowGap)) - RowGap;
            nodes.Add(new DrawnNode(NodeKind.Concern, key, Fit(title, ConcernWidth), tooltip.Length > 0 ? tooltip : title, concernX, y, ConcernWidth, height));
            var rowY = y;
            foreach (var id in held)
            {
                var sheetKey = pack.Id + "/" + id;
                var summary = onDisk.TryGetValue(id, out var file) ? summaries.GetValueOrDefault(id, file.Title) : summaries.GetValueOrDefault(id, "");
                var missing = file is null;
                var unreached = !missing && !reached.Contains(sheetKey);
                var note = missing ? " (no such file)" : unreached ? " (no router leads here)" : "";
                var node = new DrawnNode(NodeKind.Sheet, sheetKey, Fit(id, SheetWidth), $"{sheetKey}{note}\n{summary}".TrimEnd(), sheetX, rowY, SheetWidth, RowHeight)
                {
                    Unreached = unreached,
                    Missing = missing,
                };
                nodes.Add(node);
                placed.TryAdd(id, node);
                edges.Add(new DrawnEdge(EdgeKind.Holds, concernX + ConcernWidth, node.Middle, sheetX, node.Middle));
                rowY += RowHeight + RowGap;
            }

            y += height + GroupGap;
        }

        return placed;
    }

    /// <summary>
    /// The packs the router hands questions to: its sister packs in its order,
    /// then any other pack a route names, by name. Each lists the sheets of
    /// its that some route names.
    /// </summary>
    private static List<(string Pack, string Title, List<string> Sheets)> Handoffs(ReportPack pack)
    {
        if (pack.Routing is not { } routing)
        {
            return [];
        }

        var named = RouterReach.Targets(routing).Where(t => t.Pack != routing.Id && t.Pack != pack.Id).ToList();
        var order = routing.SisterPacks.Select(s => s.Id)
            .Concat(named.Select(t => t.Pack).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return [.. order.Select(id => (
            id,
            routing.SisterPacksById.TryGetValue(id, out var sister) && sister.Owns.Length > 0 ? sister.Owns : sister?.Title ?? "",
            named.Where(t => t.Pack == id && t.Sheet is not null).Select(t => t.Sheet!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))];
    }

    /// <summary>Each hand-off as a heading row and a row per sheet named; the rows by key (<c>pack</c>, <c>pack/sheet</c>).</summary>
    private static Dictionary<string, DrawnNode> HandoffColumn(List<(string Pack, string Title, List<string> Sheets)> handoffs, int x, List<DrawnNode> nodes)
    {
        var rows = new Dictionary<string, DrawnNode>(StringComparer.Ordinal);
        var y = Top;
        foreach (var (id, title, sheets) in handoffs)
        {
            var head = new DrawnNode(NodeKind.Handoff, id, Fit(id, HandoffWidth), title.Length > 0 ? $"{id}\n{title}" : id, x, y, HandoffWidth, RowHeight);
            nodes.Add(head);
            rows[id] = head;
            y += RowHeight;
            foreach (var sheet in sheets)
            {
                var key = id + "/" + sheet;
                var row = new DrawnNode(NodeKind.HandoffSheet, key, Fit(sheet, HandoffWidth - (2 * Padding)), key, x + (2 * Padding), y, HandoffWidth - (2 * Padding), RowHeight);
                nodes.Add(row);
                rows[key] = row;
                y += RowHeight;
            }

            y += GroupGap;
        }

        return rows;
    }

    /// <summary>
    /// A line from a sheet to a pack a route hands off to along with it: a
    /// rule or a facet that leads to both (a facet of hand-offs alone, or of
    /// a word of no sheet, has no sheet to draw it from). Each pair once.
    /// </summary>
    private static void SheetHandoffs(ReportPack pack, Dictionary<string, DrawnNode> sheets, Dictionary<string, DrawnNode> handoffs, List<DrawnEdge> edges)
    {
        if (pack.Routing is not { } routing)
        {
            return;
        }

        var routes = routing.Rules.Select(r => r.Route.ToList())
            .Concat(routing.Facets.Select(f => f.Sheets.Select(s => new Target(routing.Id, s, null)).Concat(f.Handoffs).ToList()));
        var drawn = new HashSet<(string, string)>();
        foreach (var route in routes)
        {
            var own = route.Where(t => t.Pack == routing.Id && t.Sheet is not null).Select(t => t.Sheet!).ToList();
            foreach (var target in route.Where(t => t.Pack != routing.Id && t.Pack != pack.Id))
            {
                if (!handoffs.TryGetValue(target.Key, out var to) && !handoffs.TryGetValue(target.Pack, out to))
                {
                    continue;
                }

                foreach (var sheet in own)
                {
                    if (sheets.TryGetValue(sheet, out var from) && drawn.Add((sheet, to.Key)))
                    {
                        edges.Add(new DrawnEdge(EdgeKind.HandsOff, from.Right, from.Middle, to.X, to.Middle));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Each clarifying question as a heading row and a row per answer; an answer
    /// that leads to another question says which. Returns the column's bottom.
    /// </summary>
    private static int QuestionColumn(ReportPack pack, ImmutableArray<Question> questions, int x, Dictionary<string, DrawnNode> sheets, Dictionary<string, DrawnNode> handoffs, List<DrawnNode> nodes, List<DrawnEdge> edges)
    {
        var own = pack.Routing!.Id;
        var y = Top;
        var headings = new Dictionary<string, DrawnNode>(StringComparer.Ordinal);
        var next = new List<(DrawnNode From, string Question)>();
        foreach (var question in questions)
        {
            var text = question.Text.Length > 0 ? question.Text : question.Id;
            var heading = new DrawnNode(NodeKind.Question, question.Id, Fit(text, QuestionWidth), $"{question.Id}: {text}", x, y, QuestionWidth, HeadingHeight);
            nodes.Add(heading);
            headings.TryAdd(question.Id, heading);
            y += HeadingHeight;
            foreach (var option in question.Options)
            {
                var label = option.Label.Length > 0 ? option.Label : option.Answer;
                var then = option.Next is null ? "" : $" → {option.Next}";
                var row = new DrawnNode(NodeKind.Answer, $"{question.Id}/{option.Answer}", Fit(label + then, QuestionWidth - (2 * Padding)),
                    $"{option.Answer}: {label}{then}", x + (2 * Padding), y, QuestionWidth - (2 * Padding), RowHeight);
                nodes.Add(row);
                if (option.Next is { } asked)
                {
                    next.Add((row, asked));
                }

                foreach (var target in option.Route)
                {
                    if (target.Pack == own || target.Pack == pack.Id)
                    {
                        if (target.Sheet is { } sheet && sheets.TryGetValue(sheet, out var to))
                        {
                            edges.Add(new DrawnEdge(EdgeKind.Routes, row.X, row.Middle, to.Right, to.Middle));
                        }
                    }
                    else if (handoffs.TryGetValue(target.Key, out var to) || handoffs.TryGetValue(target.Pack, out to))
                    {
                        edges.Add(new DrawnEdge(EdgeKind.HandsOff, row.Right, row.Middle, to.X, to.Middle));
                    }
                }

                y += RowHeight;
            }

            y += GroupGap;
        }

        foreach (var (from, asked) in next)
        {
            if (headings.TryGetValue(asked, out var to))
            {
                edges.Add(new DrawnEdge(EdgeKind.AsksNext, from.Right, from.Middle, to.Right, to.Middle));
            }
        }

        return y - GroupGap;
    }

    /// <summary>What of <paramref name="text"/> fits in a box <paramref name="width"/> wide: its first line, cut with an ellipsis.</summary>
    public static string Fit(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.ReplaceLineEndings(" ").Trim();
        var room = (int)((width - (2 * Padding)) / CharWidth);
        var elements = System.Globalization.StringInfo.ParseCombiningCharacters(line);
        return elements.Length <= room ? line : line[..elements[Math.Max(room - 1, 0)]].TrimEnd() + "…";
    }
}
