using System.Collections.Immutable;

namespace Wayfinder.Library;

/// <summary>
/// A run of inline Markdown (a heading, a paragraph, a list item's text, a
/// table cell) as plain text: emphasis marks, backticks and link syntax gone,
/// a link replaced by its text, a line break by '\n'. Its links, code spans,
/// emphasis and quoted phrases are kept beside it, each with where it stands
/// in <see cref="Plain"/> and in the source.
/// </summary>
/// <param name="Plain">The text without its Markdown marks.</param>
/// <param name="Line">The 1-based source line it starts on.</param>
/// <param name="Links">Its links, in order.</param>
/// <param name="Code">Its code spans, in order.</param>
/// <param name="Emphasis">Its emphasised runs, inner ones before the runs around them.</param>
/// <param name="Quotes">Its quoted phrases, in order.</param>
internal sealed record MarkdownText(
    string Plain,
    int Line,
    ImmutableArray<MarkdownLink> Links,
    ImmutableArray<MarkdownCodeSpan> Code,
    ImmutableArray<MarkdownEmphasis> Emphasis,
    ImmutableArray<MarkdownQuote> Quotes)
{
    public static MarkdownText Empty(int line) => new("", line, [], [], [], []);

    /// <summary>The text's lines (split at its line breaks), each with its source line.</summary>
    public IEnumerable<(int Line, string Text)> Lines()
    {
        var line = Line;
        foreach (var part in Plain.Split('\n'))
        {
            yield return (line++, part);
        }
    }

    /// <summary>The text's lines, each with its source line and where it starts in <see cref="Plain"/>.</summary>
    public IEnumerable<(int Line, int Start, string Text)> LineSpans()
    {
        var (line, start) = (Line, 0);
        foreach (var part in Plain.Split('\n'))
        {
            yield return (line++, start, part);
            start += part.Length + 1;
        }
    }

    /// <summary>
    /// A label the text opens with in strong emphasis (<c>**Symptoms**: …</c> or
    /// <c>**Symptoms:** …</c>), without its colon, and the text after it; null
    /// when it opens with none.
    /// </summary>
    public (string Name, string After)? Label()
    {
        if (Emphasis.FirstOrDefault(e => e.Strong && Plain.AsSpan(0, e.Start).IsWhiteSpace()) is not { Text: { Length: > 0 } label } lead)
        {
            return null;
        }

        var rest = Plain[(lead.Start + lead.Length)..].TrimStart();
        if (rest.StartsWith(':'))
        {
            rest = rest[1..].TrimStart();
        }
        else if (!label.TrimEnd().EndsWith(':'))
        {
            return null;
        }

        return (label.Trim().TrimEnd(':').Trim(), rest);
    }

    public override string ToString() => Plain;
}

/// <summary>A link: its text, its target as written, and where it is.</summary>
/// <param name="Text">The link's text as plain text.</param>
/// <param name="Target">The target as written (<c>sheet.md#part</c>).</param>
/// <param name="Start">Where its text starts in the owner's plain text.</param>
/// <param name="Length">Its text's length there.</param>
/// <param name="Line">Its 1-based source line.</param>
/// <param name="Column">Its 1-based source column (the opening bracket).</param>
internal readonly record struct MarkdownLink(string Text, string Target, int Start, int Length, int Line, int Column);

/// <summary>A code span (<c>`name`</c>): its content and where it is.</summary>
internal readonly record struct MarkdownCodeSpan(string Text, int Start, int Length, int Line, int Column);

/// <summary>Emphasised text (<c>*a*</c>, or <c>**a**</c> when strong) and where it is.</summary>
internal readonly record struct MarkdownEmphasis(string Text, bool Strong, int Start, int Length, int Line, int Column);

/// <summary>A phrase in quotation marks ("…" or “…”), outside code, without the marks; where its opening mark is.</summary>
internal readonly record struct MarkdownQuote(string Text, int Start, int Length, int Line, int Column);
