namespace Wayfinder.Library.Inference;

/// <summary>
/// Catalogue entries: what the router says each sheet covers.
/// <list type="bullet">
/// <item>the numbered list that links every sheet (the catalogue) sets the reading order, else the order of first mention;</item>
/// <item>"[x.md](x.md) - what it covers": the summary and, item by item, the words that point at it (a product's name only trails);</item>
/// <item>"nightly jobs, cron: [x.md](x.md)": the words before a link that ends its line;</item>
/// <item>"Route planning = how to avoid no-fly zones (maps, geofences)": the words of a distinction, for the sheet its name stands for.</item>
/// </list>
/// </summary>
internal static class CatalogueReader
{
    public static void Read(Draft draft)
    {
        Order(draft);
        foreach (var sheet in draft.Pack.Sheets)
        {
            draft.AddSheetTerm(sheet.Id, Phrases.Term(sheet.Id.Replace('-', ' ')));
            draft.AddSheetTerm(sheet.Id, Phrases.Term(sheet.Title));
        }

        foreach (var block in draft.Document.Blocks)
        {
            switch (block)
            {
                case MarkdownListItem item:
                    foreach (var (_, line, links) in LinesOf(item.Text))
                    {
                        WordsBefore(draft, line, links);
                    }

                    Described(draft, item.Text);
                    Distinction(draft, item.Text);
                    break;
                case MarkdownParagraph paragraph:
                    foreach (var (_, line, links) in LinesOf(paragraph.Text))
                    {
                        WordsBefore(draft, line, links);
                    }

                    break;
            }
        }
    }

    /// <summary>The longest run of numbered items that each link one sheet is the catalogue: it sets the stages when it holds half the sheets or more.</summary>
    private static void Order(Draft draft)
    {
        var order = new List<string>();
        var catalogue = new List<string>();
        var run = new List<string>();
        foreach (var block in draft.Document.Blocks)
        {
            var links = block is MarkdownListItem i ? draft.Names.Links(i.Text) : [];
            if (block is MarkdownListItem item && links.Count == 1 && !order.Contains(links[0]))
            {
                order.Add(links[0]);
                if (Summary(item.Text.Plain) is { } summary)
                {
                    draft.Summary.TryAdd(links[0], summary);
                }
            }

            if (block is MarkdownListItem { Ordered: true } && links is [var only])
            {
                if (!run.Contains(only))
                {
                    run.Add(only);
                }

                continue;
            }

            if (run.Count > catalogue.Count)
            {
                catalogue = run;
            }

            run = [];
        }

        if (run.Count > catalogue.Count)
        {
            catalogue = run;
        }

        var stage = 0;
        var sheets = draft.Pack.Sheets.Select(s => s.Id);
        foreach (var id in (catalogue.Count * 2 >= draft.Pack.Sheets.Length ? catalogue : order).Concat(order).Concat(sheets))
        {
            draft.Stage.TryAdd(id, ++stage);
        }
    }

    /// <summary>What an item says after its first " - ": the sheet's summary.</summary>
    private static string? Summary(string plain)
    {
        var dash = plain.IndexOf(" - ", StringComparison.Ordinal);
        return dash > 0 && Phrases.OneLine(Phrases.Clean(plain[(dash + 3)..])) is { Length: > 0 } summary ? summary : null;
    }

    /// <summary>"[x.md](x.md) - bearings, overheating": each item after the link's dash or colon points at the sheet; a product's name trails.</summary>
    private static void Described(Draft draft, MarkdownText text)
    {
        if (draft.Names.Links(text) is not [var sheet] || text.Links.IsEmpty)
        {
            return;
        }

        var first = text.Links[0];
        var after = text.Plain.AsSpan(first.Start + first.Length).TrimStart(' ');
        if (after.Length < 2 || after[0] is not ('-' or '—' or '–' or ':') || !char.IsWhiteSpace(after[1]))
        {
            return;
        }

        // The words of other links are names, not a description.
        var from = text.Plain.Length - after.Length + 2;
        var words = new System.Text.StringBuilder();
        var at = from;
        foreach (var link in text.Links.Where(l => l.Start >= from))
        {
            words.Append(text.Plain, at, link.Start - at).Append(',');
            at = link.Start + link.Length;
        }

        words.Append(text.Plain, at, text.Plain.Length - at);
        draft.AddDescription(sheet, Phrases.OneLine(words.ToString()));
    }

    /// <summary>"Nightly jobs, cron, backfills: [schedules.md](schedules.md)": the words before a link that ends its line.</summary>
    private static void WordsBefore(Draft draft, string line, List<MarkdownLink> links)
    {
        if (links is not [var link] || draft.Names.SheetOf(link) is not { } sheet)
        {
            return;
        }

        var end = link.Start + link.Length;
        if (!line.AsSpan(end).Trim().TrimEnd('.').IsEmpty)
        {
            return;
        }

        var before = line[..link.Start].TrimEnd().TrimEnd(':', '-', '—', '→').TrimEnd();
        if (before.Trim().Length < 3 || before.Contains('"', StringComparison.Ordinal) || before.Contains('“', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var term in Phrases.Items(before).SelectMany(Phrases.Terms))
        {
            draft.AddSheetTerm(sheet, term);
        }
    }

    /// <summary>"Route planning = HOW to avoid no-fly zones (maps, geofences)": the items after '=' point at the sheet the name before it stands for.</summary>
    private static void Distinction(Draft draft, MarkdownText text)
    {
        var plain = Phrases.OneLine(text.Plain);
        var equals = plain.IndexOf('=', StringComparison.Ordinal);
        if (equals < 2 || !text.Quotes.IsEmpty || plain.Contains('"', StringComparison.Ordinal))
        {
            return;
        }

        var name = plain[..equals].Trim();
        if (name.Length is < 2 or > 60 || name.IndexOfAny(['→', ':']) >= 0 || draft.Best(name, sheetsOnly: true) is not { } sheet)
        {
            return;
        }

        foreach (var term in Phrases.Items(plain[(equals + 1)..]).SelectMany(Phrases.Terms))
        {
            draft.AddSheetTerm(sheet, term);
        }
    }

    /// <summary>Each line of a text with the links that start on it (positions made relative to the line).</summary>
    internal static IEnumerable<(int Line, string Text, List<MarkdownLink> Links)> LinesOf(MarkdownText text)
    {
        var start = 0;
        foreach (var (line, part) in text.Lines())
        {
            var end = start + part.Length;
            var links = text.Links.Where(l => l.Start >= start && l.Start < end)
                .Select(l => l with { Start = l.Start - start }).ToList();
            yield return (line, part, links);
            start = end + 1;
        }
    }
}
