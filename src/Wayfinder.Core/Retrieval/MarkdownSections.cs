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
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                body.AppendLine(line);
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
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
