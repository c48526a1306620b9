using System.Collections.Immutable;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// One Markdown file as everything in Wayfinder reads it: a single Markdig
/// parse (YAML frontmatter, pipe tables, precise source locations) made into
/// an immutable model of headings, paragraphs, list items, tables and code
/// blocks in document order, with the links, code spans, emphasis and quoted
/// phrases of their text. Every element carries its 1-based source line.
/// Inference and lint both read this model, so the two cannot disagree about
/// what a file says. Hostile input is refused as the pack loader refuses it
/// (<see cref="MarkdownReader.Parse"/>): the document is then empty and
/// carries the one diagnostic that says why.
/// </summary>
internal sealed class MarkdownDocument
{
    internal MarkdownDocument(
        string path,
        ImmutableArray<string> sourceLines,
        ImmutableDictionary<string, string> frontmatter,
        int frontmatterLine,
        ImmutableArray<MarkdownBlock> blocks,
        ImmutableArray<PackDiagnostic> diagnostics,
        bool refused = false)
    {
        Path = path;
        Refused = refused;
        SourceLines = sourceLines;
        Frontmatter = frontmatter;
        FrontmatterLine = frontmatterLine;
        Blocks = blocks;
        Diagnostics = diagnostics;
        Headings = [.. blocks.OfType<MarkdownHeading>()];
        Paragraphs = [.. blocks.OfType<MarkdownParagraph>()];
        ListItems = [.. blocks.OfType<MarkdownListItem>()];
        Tables = [.. blocks.OfType<MarkdownTable>()];
        CodeBlocks = [.. blocks.OfType<MarkdownCodeBlock>()];
        Texts = [.. blocks.SelectMany(TextsOf)];
        Links = [.. Texts.SelectMany(t => t.Links)];
        CodeSpans = [.. Texts.SelectMany(t => t.Code)];
        Emphasis = [.. Texts.SelectMany(t => t.Emphasis)];
        Quotes = [.. Texts.SelectMany(t => t.Quotes)];
    }

    /// <summary>The file the text came from, as diagnostics name it.</summary>
    public string Path { get; }

    /// <summary>The text as given, split at '\n': line <c>n</c> is <c>SourceLines[n - 1]</c>.</summary>
    public ImmutableArray<string> SourceLines { get; }

    /// <summary>The frontmatter's scalar fields (aliases, anchors and oversized frontmatter refused).</summary>
    public ImmutableDictionary<string, string> Frontmatter { get; }

    /// <summary>The line of the opening <c>---</c>, or 0 without frontmatter.</summary>
    public int FrontmatterLine { get; }

    /// <summary>Every block in document order; a list item comes before the blocks nested in it.</summary>
    public ImmutableArray<MarkdownBlock> Blocks { get; }

    /// <summary>Whether the file was refused unread (hostile or too deeply nested): it then has no blocks, and <see cref="Diagnostics"/> says why.</summary>
    public bool Refused { get; }

    /// <summary>Why the file was refused, or a problem in its frontmatter; empty when it read cleanly.</summary>
    public ImmutableArray<PackDiagnostic> Diagnostics { get; }

    public ImmutableArray<MarkdownHeading> Headings { get; }

    public ImmutableArray<MarkdownParagraph> Paragraphs { get; }

    /// <summary>Every list item, nested ones included, in document order; <see cref="MarkdownBlock.Parent"/> indexes this array.</summary>
    public ImmutableArray<MarkdownListItem> ListItems { get; }

    public ImmutableArray<MarkdownTable> Tables { get; }

    public ImmutableArray<MarkdownCodeBlock> CodeBlocks { get; }

    /// <summary>Every run of inline text (headings, paragraphs, list items, table cells) in document order.</summary>
    public ImmutableArray<MarkdownText> Texts { get; }

    public ImmutableArray<MarkdownLink> Links { get; }

    public ImmutableArray<MarkdownCodeSpan> CodeSpans { get; }

    public ImmutableArray<MarkdownEmphasis> Emphasis { get; }

    public ImmutableArray<MarkdownQuote> Quotes { get; }

    /// <summary>Whether 1-based line <paramref name="line"/> is inside a code block (its fences included).</summary>
    public bool IsCode(int line) => CodeBlocks.Any(c => line >= c.Line && line <= c.EndLine);

    /// <summary>The first level-1 heading's text, or null.</summary>
    public string? Title => Headings.FirstOrDefault(h => h.Level == 1)?.Title;

    /// <summary>Parses <paramref name="text"/> (read from <paramref name="path"/>) once into its model.</summary>
    public static MarkdownDocument Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        return MarkdownDocumentBuilder.Build(path, text);
    }

    /// <summary>The blocks of heading <paramref name="heading"/>'s own section: up to the next heading of any level.</summary>
    public IEnumerable<MarkdownBlock> Section(MarkdownHeading heading) =>
        Blocks.Where(b => b is not MarkdownHeading && b.Section == heading.Index);

    /// <summary>The blocks under heading <paramref name="heading"/>: up to the next heading of its level or higher, subheadings included.</summary>
    public IEnumerable<MarkdownBlock> Under(MarkdownHeading heading)
    {
        var end = Headings.FirstOrDefault(h => h.Index > heading.Index && h.Level <= heading.Level)?.Index ?? int.MaxValue;
        return Blocks.Where(b => b.Section >= heading.Index && b.Section < end && b != heading);
    }

    /// <summary>The headings from the top down to <paramref name="heading"/>, as a path ("Routing > Category 1").</summary>
    public string HeadingPath(MarkdownHeading heading)
    {
        var path = new List<MarkdownHeading> { heading };
        for (var i = heading.Index - 1; i >= 0 && path[0].Level > 1; i--)
        {
            if (Headings[i].Level < path[0].Level)
            {
                path.Insert(0, Headings[i]);
            }
        }

        return string.Join(" > ", path.Select(h => h.Title));
    }

    /// <summary>The items nested directly under <paramref name="item"/>.</summary>
    public IEnumerable<MarkdownListItem> Children(MarkdownListItem item) => ListItems.Where(i => i.Parent == item.Index);

    /// <summary>The blocks nested in <paramref name="item"/>, at any depth.</summary>
    public IEnumerable<MarkdownBlock> Inside(MarkdownListItem item) =>
        Blocks.Where(b => b.Line > item.Line && b.Line <= item.EndLine && b.Parent >= 0);

    private static IEnumerable<MarkdownText> TextsOf(MarkdownBlock block) => block switch
    {
        MarkdownHeading h => [h.Text],
        MarkdownParagraph p => [p.Text],
        MarkdownListItem i => [i.Text],
        MarkdownTable t => t.Rows.SelectMany(r => r.Cells),
        _ => [],
    };
}

/// <summary>A block of a document: its first and last source lines (1-based), the heading above it and the list item it is inside.</summary>
internal abstract record MarkdownBlock(int Line, int EndLine)
{
    /// <summary>The index in <see cref="MarkdownDocument.Headings"/> of the nearest heading at or above this block, or -1 before the first.</summary>
    public int Section { get; init; } = -1;

    /// <summary>The index in <see cref="MarkdownDocument.ListItems"/> of the list item this block is nested in, or -1.</summary>
    public int Parent { get; init; } = -1;
}

/// <summary>A heading: its level (1–6) and its text; <see cref="Index"/> is its place among the document's headings.</summary>
internal sealed record MarkdownHeading(int Level, MarkdownText Text, int Line, int Index) : MarkdownBlock(Line, Line)
{
    public string Title => Text.Plain;
}

/// <summary>A paragraph; its soft line breaks are '\n' in its text.</summary>
internal sealed record MarkdownParagraph(MarkdownText Text, int Line, int EndLine) : MarkdownBlock(Line, EndLine);

/// <summary>
/// A list item: its own text (its first paragraph; what is nested in it follows
/// as blocks of its own), how deep it is nested (1 for a top-level list), its
/// number when the list is ordered, and the list it belongs to.
/// </summary>
internal sealed record MarkdownListItem(int Depth, bool Ordered, int Number, MarkdownText Text, int Line, int EndLine, int Index, int List) : MarkdownBlock(Line, EndLine);

/// <summary>A pipe table: its header row first, then the body, each cell with its text.</summary>
internal sealed record MarkdownTable(ImmutableArray<MarkdownRow> Rows, int Line, int EndLine) : MarkdownBlock(Line, EndLine)
{
    /// <summary>The header's cells as plain text (empty when the table has no header row).</summary>
    public ImmutableArray<string> Header { get; } = Rows.FirstOrDefault(r => r.IsHeader)?.Cells.Select(c => c.Plain).ToImmutableArray() ?? [];

    /// <summary>The rows under the header.</summary>
    public IEnumerable<MarkdownRow> Body => Rows.Where(r => !r.IsHeader);
}

/// <summary>A row of a table.</summary>
internal sealed record MarkdownRow(ImmutableArray<MarkdownText> Cells, int Line, bool IsHeader)
{
    /// <summary>The cell in column <paramref name="column"/>, or null past the row's end.</summary>
    public MarkdownText? Cell(int column) => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

/// <summary>
/// A code block: its info string (empty for an indented block), its content
/// lines, and whether a closing fence ends it (an unclosed fence runs to the
/// end of its container).
/// </summary>
internal sealed record MarkdownCodeBlock(string Info, ImmutableArray<string> Lines, bool Closed, int Line, int EndLine) : MarkdownBlock(Line, EndLine)
{
    /// <summary>The fence's character (<c>`</c> or <c>~</c>) and length; NUL and 0 for an indented block.</summary>
    public (char Char, int Length) Fence { get; init; }
}
