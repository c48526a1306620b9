namespace Wayfinder.Library.Inference;

/// <summary>
/// Clarification sections: a heading quoting a query (<c>### Query: "My drone
/// keeps failing"</c>), an <c>**Ask**: "…"</c> line, and its answers as list items
/// (<c>- Airframe → Route to `drone-design`</c>), a follow-up question
/// nested under its answer. The query's words raise the question; each
/// answer's words give it.
/// </summary>
internal static class ClarificationReader
{
    /// <summary>Words of a query too common to raise its question.</summary>
    private static readonly HashSet<string> Weak = new(["too", "well", "isn", "doesn"], StringComparer.Ordinal);

    /// <summary>Words that never make an answer's id alone.</summary>
    private static readonly HashSet<string> Function = new(["a", "an", "the", "on", "in", "of", "to", "for", "is", "are", "at", "by", "with", "and", "or", "it", "not"], StringComparer.Ordinal);

    /// <summary>The lines of sections under a quoted heading: their routes are answers, applying once asked.</summary>
    public static void MarkAnswers(Draft draft)
    {
        foreach (var heading in draft.Document.Headings.Where(h => ConcernReader.IsQuoted(h.Title)))
        {
            foreach (var block in draft.Document.Section(heading))
            {
                for (var line = block.Line; line <= block.EndLine; line++)
                {
                    draft.AnswerLines.Add(line);
                }
            }
        }
    }

    public static void Read(Draft draft)
    {
        var document = draft.Document;
        foreach (var heading in document.Headings)
        {
            if (!ConcernReader.IsQuoted(heading.Title) || heading.Text.Quotes.IsEmpty)
            {
                continue;
            }

            var query = heading.Text.Quotes[0].Text;
            var section = document.Section(heading).ToList();

            var ask = TextLine.Of(section).FirstOrDefault(l => Labels.Is(l.Plain, Labels.Ask) && l.Quotes().Any());
            if (ask.Text is null)
            {
                continue;
            }

            // The answers: the first list after the question, its top-level items.
            var first = section.OfType<MarkdownListItem>().FirstOrDefault(i => i.Line > ask.Line);
            var items = first is null ? [] : section.OfType<MarkdownListItem>().Where(i => i.List == first.List).ToList();
            var text = ask.Quotes().First();
            if (ReadAsk(draft, Phrases.Slug(query), text, items) is { } asked)
            {
                asked.Triggers.AddRange(Phrases.Content(query).Where(w => !draft.PackWords.Contains(w) && !Weak.Contains(w)));
            }
        }
    }

    private static Ask? ReadAsk(Draft draft, string id, string text, List<MarkdownListItem> items)
    {
        var ask = new Ask { Id = UniqueAsk(draft, id), Text = text };
        foreach (var item in items)
        {
            var plain = Phrases.OneLine(item.Text.Plain);
            var expanded = Phrases.OneLine(SheetNames.Expand(item.Text));
            var arrow = plain.IndexOf('→', StringComparison.Ordinal);
            if (arrow < 0)
            {
                continue;
            }

            var label = Phrases.Clean(plain[..arrow]);
            var route = expanded[(expanded.IndexOf('→', StringComparison.Ordinal) + 1)..];
            var answer = AnswerId(label, items.Where(i => i != item).Select(i => i.Text.Plain).Where(p => p.Contains('→', StringComparison.Ordinal)));
            if (answer.Length == 0 || ask.Options.Exists(o => o.Answer == answer))
            {
                continue;
            }

            var option = new Option { Answer = answer, Label = label, Alternatives = IsAlternatives(route) };
            option.GivenBy.AddRange(Phrases.Items(label).SelectMany(Phrases.Terms));
            if (FollowUp(route) is { } follow
                && ReadAsk(draft, ask.Id + "-" + answer, follow, [.. draft.Document.Children(item)]) is { } next)
            {
                option.Next = next.Id;
            }

            if (option.Next is null && IsSeveral(label + " " + route))
            {
                // "Multiple → Route to multiple skills": the other answers' routes, in order.
                foreach (var d in ask.Options.SelectMany(o => o.Route).Where(d => !option.Route.Contains(d)))
                {
                    option.Route.Add(d);
                }
            }

            if (option.Next is null && option.Route.Count == 0)
            {
                option.Route.AddRange(Routes.Resolve(draft, route, item.Line));
                if (option.Route.Count == 0)
                {
                    continue;
                }
            }

            ask.Options.Add(option);
        }

        if (ask.Options.Count < 2)
        {
            draft.Asks.RemoveAll(a => a.Id == ask.Id);
            return null;
        }

        // Words every option shares tell none apart.
        var shared = ask.Options.Skip(1).Aggregate(ask.Options[0].GivenBy.ToHashSet(StringComparer.Ordinal), (s, o) => { s.IntersectWith(o.GivenBy); return s; });
        foreach (var o in ask.Options)
        {
            o.GivenBy.RemoveAll(shared.Contains);
        }

        draft.Asks.Add(ask);
        return ask;
    }

    /// <summary>"Follow-up: "Does it fail in the air?"": the question an answer leads to.</summary>
    private static string? FollowUp(string route)
    {
        var at = route.IndexOf("follow", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var open = route.IndexOfAny(['"', '“'], at);
        var close = open < 0 ? -1 : route.IndexOfAny(['"', '”'], open + 1);
        return close > open + 1 && route[at..open].Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal).Equals("followup", StringComparison.OrdinalIgnoreCase)
            ? route[(open + 1)..close] : null;
    }

    /// <summary>An answer that routes to several others' sheets ("Multiple", "Both", "A combination").</summary>
    internal static bool IsSeveral(string text) =>
        Phrases.HasWord(text, "multiple") || Phrases.HasWord(text, "several") || Phrases.HasWord(text, "combination") || Phrases.HasWord(text, "both")
        || text.Contains("all of", StringComparison.OrdinalIgnoreCase);

    /// <summary>A route of alternatives ("Category 1 (batteries) or Category 2"): the answer does not settle it.</summary>
    private static bool IsAlternatives(string route) =>
        route.Contains(") or ", StringComparison.OrdinalIgnoreCase) || route.Contains("or category", StringComparison.OrdinalIgnoreCase);

    /// <summary>An answer's id: the first word of its label, or more words where a sibling starts the same way.</summary>
    internal static string AnswerId(string label, IEnumerable<string> siblingLabels)
    {
        var own = Words(label);
        var siblings = siblingLabels.Select(Words).ToList();
        for (var n = 1; n <= own.Count; n++)
        {
            var head = own.Take(n).ToList();
            if (!head.Exists(w => !Function.Contains(w)))
            {
                continue;
            }

            if (!siblings.Exists(s => s.Take(n).SequenceEqual(head)))
            {
                return string.Join('-', head);
            }
        }

        return string.Join('-', own);
    }

    /// <summary>A label's words, without what it says in brackets.</summary>
    private static List<string> Words(string label)
    {
        var text = Phrases.Clean(label.Split('→')[0]);
        var b = new System.Text.StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : 0;
            if (depth == 0)
            {
                b.Append(c);
            }

            depth -= c == ')' && depth > 0 ? 1 : 0;
        }

        return [.. Text.TextNormalizer.Tokenize(b.ToString()).Select(t => t.Text)];
    }

    private static string UniqueAsk(Draft draft, string id)
    {
        // "concern" is the id of the question every router asks when nothing points anywhere.
        var stem = id.Length == 0 ? "ask" : id;
        var unique = stem == Routing.RouterBuilder.ConcernQuestionId ? stem + "-2" : stem;
        for (var n = 2; draft.Asks.Exists(a => a.Id == unique); n++)
        {
            unique = $"{stem}-{n}";
        }

        return unique;
    }
}
