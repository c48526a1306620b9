using System.Globalization;

namespace Wayfinder.Library.Inference;

/// <summary>
/// Which sheets and packs a router's text names: links to sheet files, sheet
/// ids written out (<c>battery-care</c>, <c>battery-care.md</c>), a
/// short form of an id that names one sheet only (a unique prefix, suffix or
/// subset of its words), another pack or one of its sheets, and
/// "Category N" for a concern's first sheet. A short form that could be
/// several sheets, or a name in a route that is no sheet at all, is reported
/// as a diagnostic rather than dropped in silence.
/// </summary>
internal sealed class SheetNames(Draft draft)
{
    private readonly Dictionary<string, string?> _short = new(StringComparer.Ordinal);

    /// <summary>The sheets of this pack linked in <paramref name="text"/> (<c>[x](x.md)</c>), in order.</summary>
    public List<string> Links(MarkdownText text)
    {
        var ids = new List<string>();
        foreach (var link in text.Links)
        {
            if (SheetOf(link) is { } id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The sheet of this pack a link leads to, or null.</summary>
    public string? SheetOf(MarkdownLink link)
    {
        var target = Path.GetFileNameWithoutExtension(link.Target.Split('#')[0]);
        return draft.Pack.Sheets.Any(s => s.Id == target) ? target : null;
    }

    /// <summary>Destinations named in a text: its words, and the targets of its links.</summary>
    public List<Dest> Named(MarkdownText text, int line = 0) => Named(Expand(text), line);

    /// <summary>
    /// A text's plain words with each link to a Markdown file written as that
    /// file's name, so "[Charging](battery-care.md)" names the sheet.
    /// </summary>
    public static string Expand(MarkdownText text)
    {
        var plain = text.Plain;
        if (text.Links.IsEmpty)
        {
            return plain;
        }

        var b = new System.Text.StringBuilder(plain.Length + 32);
        var at = 0;
        foreach (var link in text.Links.OrderBy(l => l.Start))
        {
            var target = link.Target.Split('#')[0];
            if (link.Start < at || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = Path.GetFileName(target);
            var said = plain.Substring(link.Start, link.Length);
            b.Append(plain, at, link.Start - at).Append(said.Contains(Path.GetFileNameWithoutExtension(name), StringComparison.OrdinalIgnoreCase) ? said : name);
            at = link.Start + link.Length;
        }

        return b.Append(plain, at, plain.Length - at).ToString();
    }

    /// <summary>
    /// Destinations named in <paramref name="text"/>, in the order they appear.
    /// With <paramref name="line"/> (the text is a route), a name that resolves
    /// to nothing or to several sheets is reported on that line.
    /// </summary>
    public List<Dest> Named(string text, int line = 0)
    {
        var found = new List<(int At, Dest Dest)>();
        var lower = text.ToLowerInvariant();
        foreach (var (at, name, file) in Names(lower))
        {
            if (Resolve(name, line) is { } dest)
            {
                found.Add((at, dest));
            }
            else if (line > 0 && file && !IsKnownName(name))
            {
                draft.Warn(line, $"'{name}.md' names no sheet of {draft.Pack.Id}: the route leaves it out");
            }
        }

        foreach (var (at, number) in Categories(lower))
        {
            if (draft.Concerns.FirstOrDefault(c => c.Number == number) is { Sheets.Count: > 0 } c
                && !found.Exists(f => f.Dest.Pack == draft.Pack.Id && c.Sheets.Contains(f.Dest.Sheet!)))
            {
                found.Add((at, draft.Own(c.Sheets[0])));
            }
        }

        // A sister's sheet named right after its pack belongs to it; the pack alone is then redundant.
        var result = new List<Dest>();
        foreach (var d in found.OrderBy(f => f.At).Select(f => f.Dest))
        {
            if (d.Sheet is not null && d.Pack != draft.Pack.Id && result.Count > 0 && result[^1] == new Dest(d.Pack, null))
            {
                result[^1] = d;
            }
            else if (!result.Contains(d))
            {
                result.Add(d);
            }
        }

        return result;
    }

    /// <summary>What one name stands for: a sheet of this pack (whole or short), a sheet of another pack, another pack, or this pack.</summary>
    private Dest? Resolve(string name, int line)
    {
        var pack = draft.Pack;
        if (pack.Sheets.Any(s => s.Id == name))
        {
            return draft.Own(name);
        }

        foreach (var sister in draft.Sisters)
        {
            if (sister.Sheets.Any(s => s.Id == name))
            {
                return new Dest(sister.Id, name);
            }

            if (name.Contains('-', StringComparison.Ordinal) && (PackNames.Refers(sister.Id, name) || name == sister.Name))
            {
                return new Dest(sister.Id, null);
            }
        }

        if (name.Contains('-', StringComparison.Ordinal) && (PackNames.Refers(pack.Id, name) || name == pack.Name))
        {
            return new Dest(pack.Id, null);
        }

        return name.Contains('-', StringComparison.Ordinal) && Short(name, line) is { } sheet ? draft.Own(sheet) : null;
    }

    /// <summary>The one sheet a short form of its id names: a prefix or suffix of whole words, or a subset of its words.</summary>
    private string? Short(string name, int line)
    {
        if (_short.TryGetValue(name, out var known))
        {
            return known;
        }

        var words = name.Split('-');
        var candidates = draft.Pack.Sheets.Where(s => s.Id.StartsWith(name + "-", StringComparison.Ordinal) || s.Id.EndsWith("-" + name, StringComparison.Ordinal)
            || words.All(s.Id.Split('-').Contains)).Select(s => s.Id).ToList();
        var sheet = candidates.Count == 1 ? candidates[0] : null;
        if (candidates.Count > 1 && line > 0)
        {
            draft.Warn(line, $"'{name}' could be any of {string.Join(", ", candidates)}: the route leaves it out");
        }

        // Remembered only once settled: a name first met outside a route is still reported inside one.
        if (sheet is not null || line > 0)
        {
            _short[name] = sheet;
        }

        return sheet;
    }

    /// <summary>Whether a name is some pack's or this pack's own: not a broken sheet reference.</summary>
    private bool IsKnownName(string name) =>
        name == draft.Pack.Name || PackNames.Refers(draft.Pack.Id, name) || draft.Sisters.Any(s => s.Name == name || PackNames.Refers(s.Id, name));

    /// <summary>Kebab-case names in lower-case text (and single words written as a file, <c>x.md</c>), with where they start and whether written as a file.</summary>
    private static IEnumerable<(int At, string Name, bool File)> Names(string lower)
    {
        var i = 0;
        while (i < lower.Length)
        {
            if (!IsNameChar(lower[i]) || (i > 0 && (IsNameChar(lower[i - 1]) || lower[i - 1] == '-')))
            {
                i++;
                continue;
            }

            // A run of [a-z0-9]+ joined by single hyphens.
            var start = i;
            var end = i;
            var parts = 0;
            while (end < lower.Length && IsNameChar(lower[end]))
            {
                while (end < lower.Length && IsNameChar(lower[end]))
                {
                    end++;
                }

                parts++;
                if (end + 1 < lower.Length && lower[end] == '-' && IsNameChar(lower[end + 1]))
                {
                    end++;
                    continue;
                }

                break;
            }

            var file = string.CompareOrdinal(lower, end, ".md", 0, 3) == 0 && (end + 3 == lower.Length || !char.IsLetterOrDigit(lower[end + 3]));
            if (parts > 1 || file)
            {
                yield return (start, lower[start..end], file);
            }

            i = end;
        }
    }

    private static bool IsNameChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';

    /// <summary>"category 2" in lower-case text: where it is and its number.</summary>
    private static IEnumerable<(int At, int Number)> Categories(string lower)
    {
        for (var at = lower.IndexOf("category", StringComparison.Ordinal); at >= 0; at = lower.IndexOf("category", at + 1, StringComparison.Ordinal))
        {
            var digits = at + "category".Length;
            while (digits < lower.Length && lower[digits] is ' ' or '\t')
            {
                digits++;
            }

            var end = digits;
            while (end < lower.Length && char.IsAsciiDigit(lower[end]))
            {
                end++;
            }

            if (end > digits && (at == 0 || !char.IsLetterOrDigit(lower[at - 1])) && (end == lower.Length || !char.IsLetterOrDigit(lower[end])))
            {
                yield return (at, int.Parse(lower[digits..end], CultureInfo.InvariantCulture));
            }
        }
    }
}
