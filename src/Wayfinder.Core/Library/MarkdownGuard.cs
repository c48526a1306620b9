using System.Globalization;

namespace Wayfinder.Library;

/// <summary>
/// A linear pass over Markdown before Markdig sees it, refusing the shapes
/// Markdig takes quadratic time on (measured with Markdig 1.6 on the
/// benchmark machine): brackets opened inside one another (a 54 KB run of
/// "[a" took 1.6 s), emphasis delimiters by the thousand in one paragraph
/// (12 KB of "*a" took 0.27 s, and grows with the square), and link
/// reference definitions by the thousand in one paragraph (40,000 took
/// 4.6 s). The caps sit far above anything written by hand, so a real sheet
/// never meets them; a file past one is that file's diagnostic.
/// </summary>
internal static class MarkdownGuard
{
    /// <summary>The deepest brackets may open inside one another in one paragraph.</summary>
    public const int MaxBracketDepth = 32;

    /// <summary>The most runs of '*' or '_' one paragraph may hold.</summary>
    public const int MaxEmphasisRuns = 1_000;

    /// <summary>The most link reference definitions one paragraph may hold.</summary>
    public const int MaxReferenceDefinitions = 500;

    /// <summary>Why the text is refused and the 1-based line where it went past a cap, or null when it is fine.</summary>
    public static (int Line, string Message)? Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (depth, runs, definitions, line) = (0, 0, 0, 0);
        var fence = '\0';
        foreach (var range in text.AsSpan().Split('\n'))
        {
            line++;
            var content = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value);
            var trimmed = content.TrimStart(' ');
            if (Fence(trimmed) is var marker and not '\0' && (fence == '\0' || marker == fence))
            {
                fence = fence == '\0' ? marker : '\0';
                (depth, runs, definitions) = (0, 0, 0);
                continue;
            }

            if (fence != '\0')
            {
                continue;
            }

            if (StartsBlock(trimmed))
            {
                // A new block, so a new inline context: Markdig parses each block's inlines on their own.
                (depth, runs, definitions) = (0, 0, 0);
            }

            if (trimmed.Length > 0 && trimmed[0] == '[' && trimmed.IndexOf("]:", StringComparison.Ordinal) > 0 && ++definitions > MaxReferenceDefinitions)
            {
                return (line, string.Create(CultureInfo.InvariantCulture, $"refused: more than {MaxReferenceDefinitions} link reference definitions in one paragraph"));
            }

            var previous = '\0';
            for (var i = 0; i < content.Length; i++)
            {
                var c = content[i];
                if (c == '\\')
                {
                    i++;
                    previous = '\0';
                    continue;
                }

                if (c == '[' && ++depth > MaxBracketDepth)
                {
                    return (line, string.Create(CultureInfo.InvariantCulture, $"refused: brackets nested more than {MaxBracketDepth} deep"));
                }

                if (c == ']' && depth > 0)
                {
                    depth--;
                }

                if (c is '*' or '_' && c != previous && ++runs > MaxEmphasisRuns)
                {
                    return (line, string.Create(CultureInfo.InvariantCulture, $"refused: more than {MaxEmphasisRuns} runs of '*' or '_' in one paragraph"));
                }

                previous = c;
            }
        }

        return null;
    }

    /// <summary>The fence character a line opens or closes a code fence with (``` or ~~~), else NUL.</summary>
    private static char Fence(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("```", StringComparison.Ordinal) ? '`' : trimmed.StartsWith("~~~", StringComparison.Ordinal) ? '~' : '\0';

    /// <summary>Whether a line starts a block of its own: blank, a heading, a quote, a list item or a table row.</summary>
    private static bool StartsBlock(ReadOnlySpan<char> trimmed)
    {
        if (trimmed.IsEmpty || trimmed.IsWhiteSpace())
        {
            return true;
        }

        var c = trimmed[0];
        if (c is '#' or '>' or '|')
        {
            return true;
        }

        if (c is '-' or '+' or '*' && trimmed.Length > 1 && trimmed[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < trimmed.Length && digits < 10 && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < trimmed.Length && trimmed[digits] is '.' or ')';
    }
}
