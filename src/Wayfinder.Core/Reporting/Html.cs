using System.Globalization;
using System.Text;

namespace Wayfinder.Reporting;

/// <summary>
/// Text from packs made safe to stand in HTML: markup characters become
/// entities, so nothing a pack says can open a tag, close an attribute or run
/// a script; control characters and bidirectional controls become visible
/// escapes (<c>\x1b</c>, <c>\u202e</c>), so nothing can reorder what the page
/// shows; a lone surrogate becomes U+FFFD. Tabs and line ends stay.
/// </summary>
internal static class Html
{
    /// <summary><paramref name="text"/> as the content of an element.</summary>
    public static string Text(string text) => Escape(text, attribute: false);

    /// <summary><paramref name="text"/> as the value of an attribute in double quotes.</summary>
    public static string Attribute(string text) => Escape(text, attribute: true);

    private static string Escape(string text, bool attribute)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? built = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? instead = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\n' or '\t' when !attribute => null,
                '\r' => attribute ? " " : "",
                '\n' or '\t' => " ",
                _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) => null,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]) => null,
                _ when char.IsSurrogate(c) => "\uFFFD",
                _ when char.IsControl(c) || IsInvisibleControl(c) => Visible(c),
                _ => null,
            };
            if (instead is null)
            {
                built?.Append(c);
                continue;
            }

            built ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            built.Append(instead);
        }

        return built?.ToString() ?? text;
    }

    /// <summary>Line and paragraph separators and the bidirectional controls, which reorder or break what is shown.</summary>
    private static bool IsInvisibleControl(char c) =>
        c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static string Visible(char c) =>
        c <= '\u00FF'
            ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)
            : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
