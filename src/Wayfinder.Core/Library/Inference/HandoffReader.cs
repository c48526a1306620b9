namespace Wayfinder.Library.Inference;

/// <summary>
/// Lines that send questions to another pack, and the words that say which:
/// <list type="bullet">
/// <item>"Carbon frames (<c>frame-materials.md</c>)": the words before a sister's sheet;</item>
/// <item>"Designing a new airframe → Use drone-design": the words before the arrow;</item>
/// <item>"airframe stiffness (use <c>drone-design</c>)", within a list of several;</item>
/// <item>"For airspace law — permits, waivers — route to <c>aviation-rules</c>".</item>
/// </list>
/// An answer's route applies once its question is asked, so clarification
/// sections are left to <see cref="ClarificationReader"/>; a line marking a
/// wrong example is no route at all.
/// </summary>
internal static class HandoffReader
{
    public static void Read(Draft draft)
    {
        foreach (var (line, text, item, code) in Lines(draft))
        {
            if (draft.AnswerLines.Contains(line) || IsWrongExample(draft.Document.SourceLines[line - 1]))
            {
                continue;
            }

            var named = Sisters(draft, draft.Names.Named(text));
            if (named.Count == 0)
            {
                continue;
            }

            // "Carbon frames (`frame-materials.md`)": the words before a sister's sheet point at it.
            var open = text.IndexOf('(', StringComparison.Ordinal);
            if (item && named is [{ Sheet: not null } sheet] && open > 0 && !code.Exists(c => c < open))
            {
                draft.AddHandoff([sheet], text[..open]);
                continue;
            }

            // "Designing a new airframe → Use drone-design, frame-materials"
            if (ArrowUse(text) is var (left, right))
            {
                if (Sisters(draft, draft.Names.Named(right)) is { Count: > 0 } targets)
                {
                    draft.AddHandoff(targets, left);
                }

                continue;
            }

            // "Airframe stiffness (use `drone-design`)", within a list of several.
            foreach (var (words, name) in UseInBrackets(text))
            {
                foreach (var d in Sisters(draft, draft.Names.Named(name)))
                {
                    draft.AddHandoff([d], words);
                }
            }

            // "For airspace law — permits, waivers — route to `pack`"
            var routeTo = IndexOfWord(text, "route to");
            if (routeTo >= 0 && Sisters(draft, draft.Names.Named(text[(routeTo + 8)..])) is [var target, ..])
            {
                var before = text[..routeTo].TrimStart();
                draft.AddHandoff([target], Phrases.WordAt(before, 0, "for") ? before[3..] : before);
            }
        }
    }

    /// <summary>Every line of prose with whether it is a list item's and where its code spans start: a table row reads as one line, its cells joined.</summary>
    private static IEnumerable<(int Line, string Text, bool Item, List<int> Code)> Lines(Draft draft)
    {
        foreach (var block in draft.Document.Blocks)
        {
            switch (block)
            {
                case MarkdownTable table:
                    foreach (var row in table.Rows)
                    {
                        yield return (row.Line, string.Join(" | ", row.Cells.Select(c => Phrases.OneLine(SheetNames.Expand(c)))), false, []);
                    }

                    break;
                case MarkdownListItem i:
                    yield return (i.Line, Phrases.OneLine(SheetNames.Expand(i.Text)), true, [.. i.Text.Code.Select(c => c.Start)]);
                    break;
                case MarkdownParagraph p:
                    var expanded = SheetNames.Expand(p.Text);
                    var at = p.Line;
                    foreach (var part in expanded.Split('\n'))
                    {
                        yield return (at++, part, false, []);
                    }

                    break;
            }
        }
    }

    private static List<Dest> Sisters(Draft draft, List<Dest> named) => [.. named.Where(d => d.Pack != draft.Pack.Id)];

    /// <summary>"X → use Y" (or "-> route to", "→ hand off to"): the words before the arrow and the names after.</summary>
    private static (string Left, string Right)? ArrowUse(string text)
    {
        foreach (var arrow in new[] { "→", "->" })
        {
            for (var at = text.IndexOf(arrow, StringComparison.Ordinal); at >= 0; at = text.IndexOf(arrow, at + 1, StringComparison.Ordinal))
            {
                var after = text[(at + arrow.Length)..].TrimStart();
                foreach (var verb in new[] { "use", "route to", "hand off to" })
                {
                    if (Phrases.WordAt(after, 0, verb))
                    {
                        return (text[..at], after[verb.Length..]);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>"words (use name)": each such pair, the words back to the last comma, colon or bracket.</summary>
    private static IEnumerable<(string Words, string Name)> UseInBrackets(string text)
    {
        for (var open = text.IndexOf('(', StringComparison.Ordinal); open > 0; open = text.IndexOf('(', open + 1))
        {
            var inside = text[(open + 1)..].TrimStart();
            var close = inside.IndexOf(')', StringComparison.Ordinal);
            if (close < 0 || !Phrases.WordAt(inside, 0, "use"))
            {
                continue;
            }

            var name = inside[3..close].Trim();
            var start = text.LastIndexOfAny([',', ':', '('], open - 1) + 1;
            var words = text[start..open].Trim();
            if (words.Length > 0 && name.Length > 0 && !name.Contains(' ', StringComparison.Ordinal))
            {
                yield return (words, name);
            }
        }
    }

    private static int IndexOfWord(string text, string words)
    {
        for (var at = text.IndexOf(words, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(words, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (Phrases.WordAt(text, at, words))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>A line that shows a wrong example on purpose ("← WRONG PATH", "❌").</summary>
    internal static bool IsWrongExample(string line) =>
        line.Contains("WRONG", StringComparison.Ordinal) || line.Contains('❌', StringComparison.Ordinal);
}
