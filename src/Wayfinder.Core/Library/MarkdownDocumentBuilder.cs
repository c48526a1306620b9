using System.Collections.Immutable;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// Makes a <see cref="MarkdownDocument"/> from one Markdig parse: the blocks in
/// document order (list items flattened with their depth and parent), each
/// inline run as a <see cref="MarkdownText"/>. The parse goes through
/// <see cref="MarkdownReader.Parse"/>, so the guards against hostile input
/// (quadratic shapes, nesting past <see cref="MarkdownReader.MaxNesting"/>,
/// whatever Markdig throws) hold here too; nesting is bounded before the
/// walk, so its recursion is.
/// </summary>
internal sealed class MarkdownDocumentBuilder
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().UsePreciseSourceLocation().Build();

    private readonly string[] _lines;
    private readonly int[] _lineStarts;
    private readonly List<MarkdownBlock> _blocks = [];
    private int _section = -1;
    private int _headings;
    private int _items;
    private int _lists;

    private MarkdownDocumentBuilder(string[] lines)
    {
        _lines = lines;
        _lineStarts = new int[lines.Length];
        for (var i = 1; i < lines.Length; i++)
        {
            _lineStarts[i] = _lineStarts[i - 1] + lines[i - 1].Length + 1;
        }
    }

    public static MarkdownDocument Build(string path, string text)
    {
        text = text.ReplaceLineEndings("\n");
        var lines = text.Split('\n');
        var diagnostics = new List<PackDiagnostic>();
        if (MarkdownReader.Parse(path, text, Pipeline, diagnostics) is not { } parsed)
        {
            return new MarkdownDocument(path, [.. lines], ImmutableDictionary<string, string>.Empty, 0, [], [.. diagnostics], refused: true);
        }

        var front = ImmutableDictionary<string, string>.Empty;
        var frontLine = 0;
        if (parsed.Count > 0 && parsed[0] is YamlFrontMatterBlock yaml)
        {
            frontLine = yaml.Line + 1;
            front = MarkdownReader.Frontmatter(path, yaml, diagnostics);
        }

        var builder = new MarkdownDocumentBuilder(lines);
        foreach (var block in parsed)
        {
            builder.Block(block, 0, -1);
        }

        return new MarkdownDocument(path, [.. lines], front, frontLine, [.. builder._blocks], [.. diagnostics]);
    }

    private void Add(MarkdownBlock block, int parent) => _blocks.Add(block with { Section = _section, Parent = parent });

    private void Block(Block block, int depth, int parent)
    {
        switch (block)
        {
            case YamlFrontMatterBlock:
                return;
            case HeadingBlock heading:
                _section = _headings;
                Add(new MarkdownHeading(heading.Level, Text(heading.Inline, heading.Line), heading.Line + 1, _headings++), parent);
                return;
            case ParagraphBlock paragraph:
                Add(new MarkdownParagraph(Text(paragraph.Inline, paragraph.Line), paragraph.Line + 1, EndLine(paragraph)), parent);
                return;
            case CodeBlock code:
                Add(Code(code), parent);
                return;
            case Table table:
                Add(Table(table), parent);
                return;
            case ListBlock list:
                var id = _lists++;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    Item(item, list.IsOrdered, id, depth + 1, parent);
                }

                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child, depth, parent);
                }

                return;
        }
    }

    /// <summary>A list item: its first paragraph is its text; whatever else it holds follows as blocks nested in it.</summary>
    private void Item(ListItemBlock item, bool ordered, int list, int depth, int parent)
    {
        var index = _items++;
        var first = item.Count > 0 ? item[0] as ParagraphBlock : null;
        var text = first is null ? MarkdownText.Empty(item.Line + 1) : Text(first.Inline, first.Line);
        Add(new MarkdownListItem(depth, ordered, ordered ? item.Order : 0, text, item.Line + 1, EndLine(item), index, list), parent);
        for (var i = first is null ? 0 : 1; i < item.Count; i++)
        {
            Block(item[i], depth, index);
        }
    }

    private MarkdownCodeBlock Code(CodeBlock code)
    {
        var content = ImmutableArray.CreateBuilder<string>(code.Lines.Count);
        for (var i = 0; i < code.Lines.Count; i++)
        {
            content.Add(code.Lines.Lines[i].Slice.ToString());
        }

        var line = code.Line + 1;
        if (code is not FencedCodeBlock fenced)
        {
            return new MarkdownCodeBlock("", content.ToImmutable(), Closed: true, line, Math.Max(line, line + content.Count - 1));
        }

        // The line after the content closes the block, or the block ran to the end of its container.
        var after = line + content.Count + 1;
        var closed = after <= _lines.Length && IsClosingFence(_lines[after - 1], fenced.FencedChar, fenced.OpeningFencedCharCount);
        return new MarkdownCodeBlock(fenced.Info ?? "", content.ToImmutable(), closed, line, closed ? after : after - 1)
        {
            Fence = (fenced.FencedChar, fenced.OpeningFencedCharCount),
        };
    }

    /// <summary>Whether a source line is a closing fence of <paramref name="length"/> or more <paramref name="fence"/>s (after any quote marks and indentation).</summary>
    internal static bool IsClosingFence(string line, char fence, int length)
    {
        var text = line.AsSpan().TrimStart(" \t>");
        var run = 0;
        while (run < text.Length && text[run] == fence)
        {
            run++;
        }

        return run >= length && text[run..].IsWhiteSpace();
    }

    private MarkdownTable Table(Table table)
    {
        var rows = ImmutableArray.CreateBuilder<MarkdownRow>(table.Count);
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = ImmutableArray.CreateBuilder<MarkdownText>(row.Count);
            foreach (var cell in row.OfType<TableCell>())
            {
                cells.Add(cell.Count > 0 && cell[0] is ParagraphBlock p ? Text(p.Inline, p.Line) : MarkdownText.Empty(row.Line + 1));
            }

            rows.Add(new MarkdownRow(cells.ToImmutable(), row.Line + 1, row.IsHeader));
        }

        return new MarkdownTable(rows.ToImmutable(), table.Line + 1, EndLine(table));
    }

    /// <summary>The 1-based line a block ends on, from where its source span ends.</summary>
    private int EndLine(Block block)
    {
        if (block.Span.End < block.Span.Start || block.Span.End < 0)
        {
            return block.Line + 1;
        }

        var at = Array.BinarySearch(_lineStarts, block.Span.End);
        return Math.Max(block.Line + 1, (at >= 0 ? at : ~at - 1) + 1);
    }

    private static MarkdownText Text(ContainerInline? inline, int line) => MarkdownTextBuilder.Build(inline, line + 1);
}
