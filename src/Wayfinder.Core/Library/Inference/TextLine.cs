namespace Wayfinder.Library.Inference;

/// <summary>One line of a text of the router: the text it belongs to, its source line, where it starts in the text, and its plain words.</summary>
internal readonly record struct TextLine(MarkdownText Text, int Line, int Start, string Plain)
{
    /// <summary>The quoted phrases on this line.</summary>
    public IEnumerable<string> Quotes()
    {
        var (start, end) = (Start, Start + Plain.Length);
        return Text.Quotes.Where(q => q.Start > start && q.Start <= end).Select(q => q.Text);
    }

    /// <summary>The lines of every text of some blocks (paragraphs, list items, table cells), in order.</summary>
    public static IEnumerable<TextLine> Of(IEnumerable<MarkdownBlock> blocks) =>
        blocks.SelectMany(TextsOf).SelectMany(t => t.LineSpans().Select(l => new TextLine(t, l.Line, l.Start, l.Text)));

    /// <summary>The texts of a block that hold prose: a paragraph, a list item, a table's cells.</summary>
    public static IEnumerable<MarkdownText> TextsOf(MarkdownBlock block) => block switch
    {
        MarkdownParagraph p => [p.Text],
        MarkdownListItem i => [i.Text],
        MarkdownTable t => t.Rows.SelectMany(r => r.Cells),
        _ => [],
    };
}
