namespace Wayfinder.Library.Inference;

/// <summary>
/// Where a route description sends a question ("1. Batteries → 2. Dispatch",
/// "Route both: drone-design (frame stiffness) + telemetry"): its parts in
/// order, each the sheets and packs it names, else the sheets its words
/// describe, else the sheet its short name stands for.
/// </summary>
internal static class Routes
{
    /// <summary>The destinations of a route description, in order; <paramref name="line"/> (when known) is where names that resolve to nothing are reported.</summary>
    public static List<Dest> Resolve(Draft draft, string text, int line = 0)
    {
        var pack = draft.Pack;
        var result = new List<Dest>();
        foreach (var raw in TopLevel(Phrases.OneLine(text)))
        {
            // "then maybe X if a spare is needed" is a condition, not a step.
            if (result.Count > 0 && (Phrases.HasWord(raw, "maybe") || Phrases.HasWord(raw, "if") || Phrases.HasWord(raw, "optionally") || Phrases.HasWord(raw, "possibly")))
            {
                continue;
            }

            var part = WithoutLead(raw);
            var named = draft.Names.Named(raw, line);
            var open = part.IndexOf('(', StringComparison.Ordinal);
            var close = part.LastIndexOf(')');
            var inner = open >= 0 && close > open ? part[(open + 1)..close] : "";
            var outer = open >= 0 && close > open ? part.Remove(open, close - open + 1) : part;
            if (named is [{ Sheet: null } sister] && sister.Pack != pack.Id && inner.Length > 0)
            {
                // "drone-design (frame stiffness)": the sister's sheet those words describe.
                named = [SisterSheet(draft, sister.Pack, inner) is { } s ? new Dest(sister.Pack, s) : sister];
            }
            else if (named.TrueForAll(draft.IsPackOnly))
            {
                named = [.. draft.Described(part).Select(draft.Own)];
                if (named.Count == 0)
                {
                    var own = Without(Without(outer, PackNames.RoutingName(pack.Id, [pack.Id])), pack.Name);
                    var words = Phrases.Content(own).Where(w => !draft.PackWords.Contains(w)).ToList();
                    named = words.Count > 0 && draft.Best(string.Join(' ', words), partial: true) is { } best ? [draft.Own(best)]
                        : [.. TopLevel(inner).Select(i => draft.Best(i, partial: true)).OfType<string>().Select(draft.Own)];
                }
            }

            foreach (var d in named.Where(d => !draft.IsPackOnly(d)))
            {
                if (!result.Contains(d))
                {
                    result.Add(d);
                }
            }
        }

        return result;
    }

    /// <summary>Parts of a route description split at arrows, pluses, commas, semicolons and "then", outside brackets.</summary>
    public static List<string> TopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth > 0)
            {
                continue;
            }

            var cut = c is '→' or ',' or ';' ? 1
                : c == '+' && (i == 0 || text[i - 1] == ' ') ? 1
                : string.CompareOrdinal(text, i, " then ", 0, 6) == 0 ? 6
                : string.CompareOrdinal(text, i, "->", 0, 2) == 0 ? 2 : 0;
            if (cut > 0)
            {
                parts.Add(text[start..i]);
                start = i + cut;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    /// <summary>A step without its number or lead-in ("2. ", "Route both:", "Category 1:").</summary>
    private static string WithoutLead(string part)
    {
        var text = part.TrimStart();
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && digits < text.Length && text[digits] == '.')
        {
            return text[(digits + 1)..].TrimStart();
        }

        foreach (var lead in new[] { "route both", "route to" })
        {
            if (text.StartsWith(lead, StringComparison.OrdinalIgnoreCase))
            {
                var rest = text[lead.Length..].TrimStart();
                return rest.StartsWith(':') ? rest[1..].TrimStart() : rest;
            }
        }

        if (text.StartsWith("category ", StringComparison.OrdinalIgnoreCase))
        {
            var rest = text[9..];
            var n = rest.TakeWhile(char.IsAsciiDigit).Count();
            if (n > 0)
            {
                rest = rest[n..].TrimStart();
                return rest.StartsWith(':') ? rest[1..].TrimStart() : rest;
            }
        }

        return text;
    }

    private static string Without(string text, string name)
    {
        if (name.Length == 0)
        {
            return text;
        }

        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at, StringComparison.OrdinalIgnoreCase))
        {
            text = text.Remove(at, name.Length);
        }

        return text;
    }

    /// <summary>The sheet of another pack whose words share most with <paramref name="text"/> (at least two).</summary>
    private static string? SisterSheet(Draft draft, string sisterId, string text)
    {
        var words = Phrases.Content(text).Select(Phrases.Root).Distinct(StringComparer.Ordinal).ToList();
        var sister = draft.Sisters.First(s => s.Id == sisterId);
        string? best = null;
        var bestScore = 0.0;
        foreach (var sheet in sister.Sheets)
        {
            // What this router and the sheet's own id and title say count fully; its headings only break ties.
            var key = $"{sisterId}/{sheet.Id}";
            var primary = draft.HandoffTerms.Where(kv => kv.Key.Split(',').Contains(key)).SelectMany(kv => kv.Value.Terms).SelectMany(t => t.Split(' '))
                .Concat(Phrases.Content(sheet.Id.Replace('-', ' '))).Concat(Phrases.Content(sheet.Title))
                .Select(w => w.TrimEnd('*')).Where(w => w != "~").Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
            var headings = sheet.Sections.Where(x => x.Level is 2).SelectMany(x => Phrases.Content(x.HeadingPath.Split(" > ")[^1])).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
            var shared = words.Count(w => primary.Any(d => Phrases.Same(d, w)));
            var hinted = words.Count(w => !primary.Any(d => Phrases.Same(d, w)) && headings.Any(d => Phrases.Same(d, w)));
            var score = shared + (0.3 * hinted) + ((double)shared / Math.Max(1, primary.Count));
            if (shared >= 2 && score > bestScore)
            {
                (best, bestScore) = (sheet.Id, score);
            }
        }

        return best;
    }
}
