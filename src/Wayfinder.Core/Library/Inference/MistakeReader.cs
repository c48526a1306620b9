namespace Wayfinder.Library.Inference;

/// <summary>
/// Routing mistakes: a table with a wrong route and a correct one
/// (<c>| Query | Wrong Route | Correct Route |</c>), or a list item
/// "X → not A, but B". A question like X must not be sent to A: that is
/// negative evidence for A, which sets A's words aside, unless the correct
/// route reads A too or the mistake was only leaving something out
/// ("skip", "only"). The correct route gets X's words, and is a rule when
/// X is a quoted phrase of two words or more.
/// </summary>
internal static class MistakeReader
{
    public static void Read(Draft draft)
    {
        foreach (var table in draft.Document.Tables.Where(IsMistakes))
        {
            if (Column(table, -1, "wrong", "incorrect") is not { } w || Column(table, w, "correct", "right", "should", "instead") is not { } r)
            {
                continue;
            }

            foreach (var row in table.Body)
            {
                if (row.Cell(0) is { Plain.Length: > 0 } query && row.Cell(w) is { } wrong && row.Cell(r) is { } right)
                {
                    var quoted = !query.Quotes.IsEmpty;
                    var phrase = quoted ? query.Quotes[0].Text : Phrases.OneLine(query.Plain);
                    Add(draft, phrase, quoted, Phrases.OneLine(SheetNames.Expand(wrong)), Phrases.OneLine(SheetNames.Expand(right)), row.Line);
                }
            }
        }

        foreach (var item in draft.Document.ListItems)
        {
            if (NotBut(Phrases.OneLine(SheetNames.Expand(item.Text))) is var (situation, wrong, right))
            {
                var quote = item.Text.Quotes.FirstOrDefault();
                var quoted = quote.Text is not null && quote.Start < item.Text.Plain.IndexOf('→', StringComparison.Ordinal);
                Add(draft, quoted ? quote.Text! : situation.Trim(), quoted, wrong, right, item.Line);
            }
        }
    }

    /// <summary>Whether a table lists routing mistakes: one of its columns is the wrong route.</summary>
    public static bool IsMistakes(MarkdownTable table) => Column(table, -1, "wrong", "incorrect") is > 0;

    private static void Add(Draft draft, string phrase, bool quoted, string wrongText, string rightText, int line)
    {
        var asks = Phrases.WordAt(rightText.TrimStart(), 0, "ask");
        var right = asks ? [] : Routes.Resolve(draft, rightText, line);
        var omission = Phrases.HasWord(wrongText, "skip") || Phrases.HasWord(wrongText, "only") || Phrases.HasWord(wrongText, "ignore") || Phrases.HasWord(wrongText, "without");
        var wrong = omission ? [] : Routes.Resolve(draft, wrongText).Where(d => d.Pack == draft.Pack.Id && !right.Contains(d)).ToList();
        if (wrong.Count > 0)
        {
            var terms = Phrases.Terms(phrase).ToList();
            if (terms.Count == 0)
            {
                terms = [.. Phrases.Items(phrase.Replace('/', ',')).Where(p => Phrases.Content(p).Count >= 2).SelectMany(Phrases.Terms)];
            }

            if (terms.Count > 0)
            {
                draft.Mistakes.Add(new Mistake("mistake-" + Phrases.Slug(phrase), terms, wrong, right));
            }
        }

        if (right.Count == 0)
        {
            return;
        }

        if (quoted)
        {
            draft.AddScenario(phrase, line, right);
        }

        if (right.Count == 1 && right[0].Pack == draft.Pack.Id)
        {
            draft.AddPhrase(right[0].Sheet!, phrase);
        }
    }

    /// <summary>"X → not A, but B" (or "not A; B"): the situation, the wrong route and the right one.</summary>
    private static (string Situation, string Wrong, string Right)? NotBut(string text)
    {
        var arrow = text.IndexOf('→', StringComparison.Ordinal);
        var after = arrow < 0 ? "" : text[(arrow + 1)..].TrimStart();
        if (!Phrases.WordAt(after, 0, "not"))
        {
            return null;
        }

        var rest = after[3..];
        var but = rest.IndexOf(" but ", StringComparison.OrdinalIgnoreCase);
        var semicolon = rest.IndexOf(';', StringComparison.Ordinal);
        var cut = but >= 0 ? but : semicolon;
        if (cut < 0)
        {
            return null;
        }

        var right = rest[(cut + (but >= 0 ? 5 : 1))..];
        return (text[..arrow], rest[..cut].TrimEnd(',', ' '), right);
    }

    /// <summary>The first column after the first (and other than <paramref name="not"/>) whose header holds one of <paramref name="words"/>.</summary>
    private static int? Column(MarkdownTable table, int not, params string[] words)
    {
        for (var c = 1; c < table.Header.Length; c++)
        {
            if (c == not)
            {
                continue;
            }

            var header = table.Header[c].ToLowerInvariant();
            if (words.Any(w => header.Contains(w, StringComparison.Ordinal)))
            {
                return c;
            }
        }

        return null;
    }
}
