using System.Text;

namespace Wayfinder.Retrieval;

/// <summary>
/// Cuts Markdown into sections at ATX headings (<c>#</c> … <c>######</c>)
/// that stand outside fenced code blocks, so a <c># comment</c> in a code
/// sample never starts a section.
/// </summary>
internal static class MarkdownSections
{
    public static IEnumerable<(string Heading, string Body)> Split(string markdown)
    {
        var path = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        var heading = "";
        string? fence = null;
        using var reader = new StringReader(markdown);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.TrimStart();
            if (fence is not null)
            {
                // CommonMark: a closing fence is the same character, at least as long, with nothing after it.
                if (FenceLength(trimmed, fence[0]) >= fence.Length && trimmed.TrimEnd().Length == FenceLength(trimmed, fence[0]))
                {
                    fence = null;
                }

                body.AppendLine(line);
                continue;
            }

            if (FenceLength(trimmed, '`') >= 3 || FenceLength(trimmed, '~') >= 3)
            {
                var c = trimmed[0];
                fence = new string(c, FenceLength(trimmed, c));
                body.AppendLine(line);
                continue;
            }

            var level = HeadingLevel(line);
            if (level == 0)
            {
                body.AppendLine(line);
                continue;
            }

            if (body.Length > 0 || heading.Length > 0)
            {
                yield return (heading, body.ToString());
            }

            body.Clear();
            path.RemoveAll(h => h.Level >= level);
            path.Add((level, line[level..].Trim().TrimEnd('#').Trim()));
            heading = string.Join(" > ", path.Select(h => h.Title));
        }

        if (body.Length > 0 || heading.Length > 0)
        {
            yield return (heading, body.ToString());
        }
    }

    private static int FenceLength(string line, char c)
    {
        var n = 0;
        while (n < line.Length && line[n] == c)
        {
            n++;
        }

        return n;
    }

    private static int HeadingLevel(string line)
    {
        var level = 0;
        while (level < line.Length && level < 7 && line[level] == '#')
        {
            level++;
        }

        return level is >= 1 and <= 6 && (level == line.Length || line[level] == ' ') ? level : 0;
    }
}
