using Markdig.Syntax;
using Markdig.Syntax.Inlines;

using MarkdigDocument = Markdig.Syntax.MarkdownDocument;

namespace Wayfinder.Library;

/// <summary>How deeply a Markdown document nests, measured in one pass over it.</summary>
internal static class MarkdownNesting
{
    /// <summary>The first element nested deeper than <paramref name="limit"/> (blocks and inlines counted together), or null.</summary>
    public static MarkdownObject? TooDeep(MarkdigDocument document, int limit)
    {
        var stack = new Stack<(MarkdownObject Node, int Depth)>();
        stack.Push((document, 0));
        while (stack.TryPop(out var item))
        {
            if (item.Depth > limit)
            {
                return item.Node;
            }

            switch (item.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        stack.Push((child, item.Depth + 1));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    stack.Push((inline, item.Depth + 1));
                    break;
                case ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                    {
                        stack.Push((child, item.Depth + 1));
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// For input Markdig itself refused: the 1-based line whose leading quote and
    /// list markers nest deepest, or 0 when no line nests at all.
    /// </summary>
    public static int DeepestQuoteOrListLine(string text)
    {
        // A marker is a level; so, roughly, are two spaces of indentation (a nested list).
        var (best, bestLine, line, depth, start) = (0, 0, 1, 0, true);
        foreach (var c in text)
        {
            if (c == '\n')
            {
                (line, depth, start) = (line + 1, 0, true);
                continue;
            }

            if (!start)
            {
                continue;
            }

            depth += c switch
            {
                '>' or '-' or '*' or '+' => 2,
                ' ' => 1,
                '\t' => 4,
                _ => 0,
            };
            start = c is '>' or '-' or '*' or '+' or ' ' or '\t';
            if (depth > best)
            {
                (best, bestLine) = (depth, line);
            }
        }

        return best > 0 ? bestLine : 0;
    }
}
