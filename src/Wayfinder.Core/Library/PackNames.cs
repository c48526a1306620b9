namespace Wayfinder.Library;

/// <summary>
/// How packs and sheets are named in text: a pack folder (<c>yzmir-llm-specialist</c>)
/// carries the routing name (<c>llm-specialist</c>) at its end, and a name
/// counts only as a whole kebab-case word.
/// </summary>
public static class PackNames
{
    /// <summary>Whether folder name <paramref name="folder"/> is the pack called <paramref name="name"/>.</summary>
    public static bool Refers(string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        return folder == name || folder.EndsWith("-" + name, StringComparison.Ordinal);
    }

    /// <summary>
    /// The name without its first hyphenated word, the family (<c>yzmir-llm-specialist</c>
    /// is <c>llm-specialist</c>); null when there is no word to drop.
    /// </summary>
    public static string? WithoutFamily(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < name.Length - 1 ? name[(dash + 1)..] : null;
    }

    /// <summary>The routing name among <paramref name="names"/> that folder <paramref name="folder"/> carries, else the folder itself.</summary>
    public static string RoutingName(string folder, IEnumerable<string> names) =>
        names.FirstOrDefault(name => Refers(folder, name)) ?? folder;

    /// <summary>Whether <paramref name="text"/> holds <paramref name="name"/> as a whole word (not inside a longer kebab-case name).</summary>
    public static bool Mentions(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return false;
        }

        // Every occurrence is looked at once, with its neighbours: linear, and no regex to time out.
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsNamePart(text[at - 1])) && (end == text.Length || !IsNamePart(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A character that continues a kebab-case name: what <c>\w</c> and '-' match.</summary>
    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;
}
