namespace Wayfinder.Library.Inference;

/// <summary>
/// "Situation → sheet" lines: list items (<c>- "Why do the motors whine" →
/// [motor-care.md](…)</c>, <c>- Late parcels → [dispatch.md](…)</c>) and the
/// branches of a decision tree drawn in a code block (<c>├─ Battery? →
/// battery-care</c>; a bare "YES →" takes its question from the
/// line above). What stands before the arrow points at the sheet named right
/// after it. Lines marking a wrong example, and answers of the router's own
/// questions, are left alone.
/// </summary>
internal static class ArrowReader
{
    public static void Read(Draft draft)
    {
        var arrows = draft.Document.ListItems
            .Where(i => !draft.AnswerLines.Contains(i.Line) && !HandoffReader.IsWrongExample(draft.Document.SourceLines[i.Line - 1]))
            .Select(i => (Item: i, Arrow: i.Text.Plain.IndexOf('→', StringComparison.Ordinal)))
            .Where(x => x.Arrow > 0)
            .Select(x => (x.Item, x.Arrow, Sheet: Target(draft, SheetNames.Expand(x.Item.Text))))
            .ToList();
        foreach (var (item, arrow, sheet) in arrows)
        {
            if (sheet is null)
            {
                continue;
            }

            // A phrase its sibling lines send elsewhere too ("if "slow" means …") is the router's ambiguity, not a route.
            var quotes = item.Text.Quotes.Where(q => q.Start < arrow).Select(q => q.Text).ToList();
            var siblings = arrows.Where(a => a.Item.List == item.List && a.Item != item && a.Sheet != sheet).ToList();
            if (quotes.Exists(q => siblings.Exists(a => a.Item.Text.Quotes.Any(o => o.Start < a.Arrow && o.Text.Equals(q, StringComparison.OrdinalIgnoreCase)))))
            {
                continue;
            }

            if (quotes.Count > 0)
            {
                quotes.ForEach(q => draft.AddPhrase(sheet, q));
            }
            else
            {
                draft.AddItems(sheet, Phrases.OneLine(item.Text.Plain[..arrow]));
            }
        }

        foreach (var code in draft.Document.CodeBlocks.Where(c => c.Lines.Any(l => l.Contains('→', StringComparison.Ordinal))))
        {
            var question = "";
            foreach (var line in code.Lines)
            {
                var arrow = line.IndexOf('→', StringComparison.Ordinal);
                var left = Branch(arrow < 0 ? line : line[..arrow]);
                if (arrow < 0)
                {
                    question = left.Length > 0 ? left : question;
                    continue;
                }

                // A bare "YES →" takes the question above it, and only its phrases: a single word of a question says too little.
                if (!IsAnswer(left))
                {
                    if (Target(draft, line) is { } sheet)
                    {
                        draft.AddItems(sheet, left);
                    }
                }
                else if (question.Length > 0 && Target(draft, line) is { } sheet)
                {
                    draft.AddItems(sheet, string.Join(", ", Phrases.Items(question).Where(p => Phrases.Content(p).Count >= 2)));
                }
            }
        }
    }

    /// <summary>The one sheet of this pack named right after the arrow (before any further arrow), or null.</summary>
    private static string? Target(Draft draft, string text)
    {
        var arrow = text.IndexOf('→', StringComparison.Ordinal);
        var after = text[(arrow + 1)..];
        var next = after.IndexOf('→', StringComparison.Ordinal);
        var named = draft.Names.Named(next > 0 ? after[..next] : after).Where(d => !draft.IsPackOnly(d)).ToList();
        return named is [{ Sheet: { } sheet } only] && only.Pack == draft.Pack.Id ? sheet : null;
    }

    /// <summary>A tree line without its drawing (│ ├─ └─ [ ]), its question mark and a leading "If".</summary>
    private static string Branch(string text)
    {
        var trimmed = text.Trim().TrimStart('│', '├', '└', '─', '-', '|', '[', ' ', '•', '*').TrimEnd(']', ' ', '?', ':').Trim();
        return Phrases.WordAt(trimmed, 0, "if") ? trimmed[2..].Trim() : trimmed;
    }

    /// <summary>A branch that only answers the line above ("YES", "No", "Yes / partially").</summary>
    private static bool IsAnswer(string left)
    {
        var words = Text.TextNormalizer.Tokenize(left).Select(t => t.Text).ToList();
        return words.Count == 0 || words.All(w => w is "yes" or "no" or "partially" or "maybe" or "both" or "neither" or "otherwise" or "else");
    }
}
