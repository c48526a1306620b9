using System.Collections.Immutable;
using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Wayfinder.Packs;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using MarkdigDocument = Markdig.Syntax.MarkdownDocument;

namespace Wayfinder.Library;

/// <summary>What a Markdown file holds for Wayfinder: its frontmatter fields, title and sections.</summary>
internal sealed record MarkdownFile(ImmutableDictionary<string, string> Frontmatter, int FrontmatterLine, string? Title, ImmutableArray<SheetSection> Sections);

/// <summary>
/// Reads Markdown with Markdig (YAML frontmatter extension) and the
/// frontmatter with YamlDotNet, safely: aliases and anchors are refused, so no
/// expansion bomb, and only scalar fields are kept. Sections are cut at
/// headings as Markdig sees them, so a '#' line inside a code block never
/// starts one.
/// </summary>
internal static class MarkdownReader
{
    /// <summary>The largest frontmatter read, in characters.</summary>
    public const int MaxFrontmatter = 64 * 1024;

    /// <summary>
    /// The deepest nesting of blocks (quotes, lists) or inlines (emphasis, links)
    /// read. Markdig gives up at 128 with an error that names no file; a file
    /// past this lower cap is refused with its own diagnostic, before that.
    /// </summary>
    public const int MaxNesting = 64;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <summary>Parses a Markdown file; null (with a diagnostic) when it is nested past <see cref="MaxNesting"/>.</summary>
    public static MarkdownFile? Read(string path, string text, List<PackDiagnostic> diagnostics)
    {
        if (Parse(path, text, Pipeline, diagnostics) is not { } document)
        {
            return null;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var front = ImmutableDictionary<string, string>.Empty;
        var frontLine = 0;
        var bodyStart = 0;
        if (document.Count > 0 && document[0] is YamlFrontMatterBlock yaml)
        {
            frontLine = yaml.Line + 1;
            bodyStart = yaml.Line + yaml.Lines.Count + 2; // the closing '---' line, 0-based, plus one
            front = Frontmatter(path, yaml, diagnostics);
        }

        var headings = document.OfType<HeadingBlock>().ToList();
        var sections = ImmutableArray.CreateBuilder<SheetSection>(headings.Count + 1);
        var path2 = new List<(int Level, string Title)>();
        string? title = null;
        var firstHeading = headings.Count > 0 ? headings[0].Line : lines.Length;
        if (Math.Min(firstHeading, lines.Length) > bodyStart && HasText(lines, bodyStart, firstHeading - 1))
        {
            sections.Add(Section("", 0, bodyStart, firstHeading - 1, lines));
        }

        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            var headingText = PlainText(heading.Inline);
            title ??= heading.Level == 1 ? headingText : null;
            path2.RemoveAll(h => h.Level >= heading.Level);
            path2.Add((heading.Level, headingText));
            var end = i + 1 < headings.Count ? headings[i + 1].Line - 1 : lines.Length - 1;
            sections.Add(Section(string.Join(" > ", path2.Select(h => h.Title)), heading.Level, heading.Line, end, lines));
        }

        return new MarkdownFile(front, frontLine, title, sections.ToImmutable());
    }

    /// <summary>
    /// Parses <paramref name="text"/> with <paramref name="pipeline"/>, or reports why it
    /// cannot be: nesting past <see cref="MaxNesting"/> (Markdig's own limit included)
    /// is a diagnostic at the line where it happens, and so is anything Markdig throws.
    /// </summary>
    public static MarkdigDocument? Parse(string path, string text, MarkdownPipeline pipeline, List<PackDiagnostic> diagnostics)
    {
        if (MarkdownGuard.Check(text) is var (guardLine, refusal))
        {
            diagnostics.Add(new PackDiagnostic(path, guardLine, 1, refusal));
            return null;
        }

        MarkdigDocument document;
        try
        {
            document = Markdown.Parse(text, pipeline);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            var line = MarkdownNesting.DeepestQuoteOrListLine(text);
            diagnostics.Add(line > 0
                ? new PackDiagnostic(path, line, 1, $"refused: Markdown nested more than {MaxNesting} levels deep")
                : new PackDiagnostic(path, 1, 1, $"refused: the Markdown cannot be parsed ({ex.Message})"));
            return null;
        }

        if (MarkdownNesting.TooDeep(document, MaxNesting) is { } deep)
        {
            diagnostics.Add(new PackDiagnostic(path, deep.Line + 1, deep.Column + 1, $"refused: Markdown nested more than {MaxNesting} levels deep"));
            return null;
        }

        return document;
    }

    private static SheetSection Section(string headingPath, int level, int start, int end, string[] lines)
    {
        // Trailing blank lines belong to no section.
        while (end > start && string.IsNullOrWhiteSpace(lines[end]))
        {
            end--;
        }

        var text = string.Join('\n', lines, start, end - start + 1);
        return new SheetSection(headingPath, level, start + 1, end + 1, text);
    }

    private static bool HasText(string[] lines, int from, int to)
    {
        for (var i = Math.Max(0, from); i <= to && i < lines.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string PlainText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var item in inline.Descendants())
        {
            switch (item)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString().Trim();
    }

    internal static ImmutableDictionary<string, string> Frontmatter(string path, YamlFrontMatterBlock block, List<PackDiagnostic> diagnostics)
    {
        var fields = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var yaml = block.Lines.ToString();
        var offset = block.Line + 1; // YAML line 1 is the line after the opening '---'
        if (yaml.Length > MaxFrontmatter)
        {
            diagnostics.Add(new PackDiagnostic(path, block.Line + 1, 1, $"frontmatter refused: {yaml.Length} characters; the limit is {MaxFrontmatter}"));
            return fields.ToImmutable();
        }

        try
        {
            var scan = new Parser(new StringReader(yaml));
            while (scan.MoveNext())
            {
                if (scan.Current is AnchorAlias alias)
                {
                    diagnostics.Add(new PackDiagnostic(path, offset + (int)alias.Start.Line, (int)alias.Start.Column, $"frontmatter refused: YAML alias '*{alias.Value}' (aliases are not allowed)"));
                    return fields.ToImmutable();
                }

                if (scan.Current is NodeEvent { Anchor.IsEmpty: false } anchored)
                {
                    diagnostics.Add(new PackDiagnostic(path, offset + (int)anchored.Start.Line, (int)anchored.Start.Column, $"frontmatter refused: YAML anchor '&{anchored.Anchor.Value}' (anchors are not allowed)"));
                    return fields.ToImmutable();
                }
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return fields.ToImmutable();
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                diagnostics.Add(new PackDiagnostic(path, offset, 1, "frontmatter must be a mapping of fields"));
                return fields.ToImmutable();
            }

            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } scalar })
                {
                    fields[name] = scalar;
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new PackDiagnostic(path, offset + (int)ex.Start.Line, (int)ex.Start.Column, $"malformed frontmatter: {ex.InnerException?.Message ?? ex.Message}"));
        }

        return fields.ToImmutable();
    }
}
