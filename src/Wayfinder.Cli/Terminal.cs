using System.Globalization;
using System.Text;

namespace Wayfinder.Cli;

/// <summary>
/// Text as it is safe to show a person at a terminal, and words as a POSIX
/// shell reads them back.
/// </summary>
internal static class Terminal
{
    /// <summary>
    /// <paramref name="text"/> with every control character, line or paragraph
    /// separator and bidirectional control written as a visible escape:
    /// <c>\x1b</c> for ESC (two hex digits up to U+00FF), <c>\u202e</c> above.
    /// Text from a question or a pack then cannot recolour the terminal, move
    /// its cursor or reorder what it shows. A backslash is left as it is, so
    /// an escape and the same characters typed look alike; --json keeps text
    /// exactly as it came.
    /// </summary>
    public static string Visible(string text) => Escape(text, keepLayout: false);

    /// <summary>A sheet's text as <see cref="Visible(string)"/> shows it, its line breaks and tabs kept.</summary>
    public static string VisibleText(string text) => Escape(text, keepLayout: true);

    private static string Escape(string text, bool keepLayout)
    {
        ArgumentNullException.ThrowIfNull(text);
        bool Escaped(char c) => Hidden(c) && !(keepLayout && c is '\n' or '\t');
        if (!text.Any(Escaped))
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            visible.Append(!Escaped(c) ? c.ToString()
                : c <= '\u00ff' ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}")
                : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
        }

        return visible.ToString();
    }

    /// <summary>
    /// <paramref name="word"/> as one word for a POSIX shell: as it is when it
    /// holds only characters no shell treats specially, else in single quotes,
    /// inside which nothing is special and a quote is written <c>'\''</c>.
    /// </summary>
    public static string ShellWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_./:@%+=,-".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static bool Hidden(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
