namespace Wayfinder.Library.Inference;

/// <summary>
/// Decision tables and scenario rows: a table with a column that routes
/// ("Route to", "Route order", "Sheet", "Use this", "Primary skill") and a
/// column that says when. Each row's words point at the first sheet of its
/// route; a quoted scenario of two words or more with its route is a rule.
/// Tables that name a wrong route are routing mistakes (<see cref="MistakeReader"/>).
/// </summary>
internal static class TableReader
{
    /// <summary>Words of a header that name the column a row routes to.</summary>
    private static readonly string[] RouteHeaders = ["route", "routing", "sheet", "skill", "use this", "load", "read", "go to", "primary"];

    /// <summary>Words of a header that name no route: reasons and the wrong route of a mistake.</summary>
    private static readonly string[] NotRoutes = ["wrong", "why", "reason", "instead of", "not "];

    public static void Read(Draft draft)
    {
        foreach (var table in draft.Document.Tables)
        {
            if (MistakeReader.IsMistakes(table) || RouteColumn(draft, table) is not { } column || WhenColumn(table, column) is not { } when)
            {
                continue;
            }

            var ask = Array.FindIndex([.. table.Header], h => Phrases.HasWord(h, "ask") || h.Contains("clarif", StringComparison.OrdinalIgnoreCase));
            foreach (var row in table.Body)
            {
                if (row.Cell(column) is not { } cell || row.Cell(when) is not { Plain.Length: > 0 } situation)
                {
                    continue;
                }

                // A row the router says to ask about first routes nowhere on its words alone.
                if (ask >= 0 && row.Cell(ask) is { } question && question.Plain.Any(char.IsLetter) && !IsNo(question.Plain))
                {
                    continue;
                }

                var routeText = Phrases.OneLine(SheetNames.Expand(cell));
                if (Phrases.WordAt(routeText.TrimStart(), 0, "ask"))
                {
                    continue;
                }

                var route = Routes.Resolve(draft, routeText, row.Line);
                if (route.Count == 0)
                {
                    continue;
                }

                if (!situation.Quotes.IsEmpty)
                {
                    draft.AddScenario(situation.Quotes[0].Text, row.Line, route);
                }

                // A scenario of several sheets is its rule's; the words of a row for one sheet are that sheet's.
                if (route[0].Pack == draft.Pack.Id)
                {
                    AddTerms(draft, route[0].Sheet!, situation, quotes: route.Count == 1);
                }
            }
        }
    }

    /// <summary>What a situation says, for a sheet: its quoted phrases whole (with <paramref name="quotes"/>), and the items of the rest.</summary>
    public static void AddTerms(Draft draft, string sheet, MarkdownText situation, bool quotes)
    {
        foreach (var quote in quotes ? situation.Quotes : [])
        {
            draft.AddPhrase(sheet, quote.Text);
        }

        var rest = new System.Text.StringBuilder();
        var at = 0;
        foreach (var quote in situation.Quotes)
        {
            rest.Append(situation.Plain, at, Math.Max(0, quote.Start - 1 - at)).Append(',');
            at = Math.Min(situation.Plain.Length, quote.Start + quote.Length + 1);
        }

        rest.Append(situation.Plain, at, situation.Plain.Length - at);
        draft.AddItems(sheet, Phrases.OneLine(rest.ToString()));
    }

    private static bool IsNo(string cell) => Text.TextNormalizer.Tokenize(cell).Select(t => t.Text).ToList() is [var only] && only is "no" or "none" or "n";

    /// <summary>The column a table routes to: named so by its header, else the one whose cells name a sheet in most rows.</summary>
    private static int? RouteColumn(Draft draft, MarkdownTable table)
    {
        for (var c = 1; c < table.Header.Length; c++)
        {
            var header = table.Header[c].ToLowerInvariant();
            if (RouteHeaders.Any(h => header.Contains(h, StringComparison.Ordinal)) && !NotRoutes.Any(h => header.Contains(h, StringComparison.Ordinal)))
            {
                return c;
            }
        }

        var rows = table.Body.ToList();
        for (var c = 1; c < table.Header.Length && rows.Count > 0; c++)
        {
            var naming = rows.Count(r => r.Cell(c) is { } cell && draft.Names.Named(cell).Exists(d => d.Pack == draft.Pack.Id && d.Sheet is not null));
            if (naming * 5 >= rows.Count * 3)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The column that says when: the first other one that holds words, not numbers.</summary>
    private static int? WhenColumn(MarkdownTable table, int route)
    {
        for (var c = 0; c < table.Header.Length; c++)
        {
            if (c != route && table.Body.Any(r => r.Cell(c) is { } cell && cell.Plain.Any(char.IsLetter)))
            {
                return c;
            }
        }

        return null;
    }
}
