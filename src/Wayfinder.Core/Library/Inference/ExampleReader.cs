namespace Wayfinder.Library.Inference;

/// <summary>
/// Worked examples: a <c>**Query**: "…"</c> line, then numbered steps. With an
/// <c>Ask: "…"</c> step, its <c>If "answer":</c> steps and the sheets listed
/// under them are answers of the router's question that asks the same (or,
/// where an answer only named a concern, the sheets it really reads). Without
/// one, the steps are a route in order for questions holding the query's words.
/// </summary>
internal static class ExampleReader
{
    public static void Read(Draft draft)
    {
        var document = draft.Document;
        foreach (var heading in document.Headings)
        {
            var section = document.Section(heading).ToList();
            var query = TextLine.Of(section).FirstOrDefault(l => Labels.Is(l.Plain, Labels.Query) && l.Quotes().Any());
            if (query.Text is null)
            {
                continue;
            }

            var steps = section.OfType<MarkdownListItem>().Where(i => i.Ordered && i.Parent < 0 && i.Line > query.Line).ToList();
            var askStep = steps.FirstOrDefault(s => StartsWith(s.Text.Plain, "ask") && !s.Text.Quotes.IsEmpty);
            var text = query.Quotes().First();
            if (askStep is null)
            {
                Route(draft, heading, text, steps);
            }
            else
            {
                Answers(draft, askStep.Text.Quotes[0].Text, steps);
            }
        }
    }

    /// <summary>An example without a question: its numbered steps, each its first destination, in order.</summary>
    private static void Route(Draft draft, MarkdownHeading heading, string query, List<MarkdownListItem> steps)
    {
        var route = steps.Select(s => draft.Names.Named(s.Text).FirstOrDefault(d => !draft.IsPackOnly(d))).OfType<Dest>().Distinct().ToList();
        if (route.Count >= 2)
        {
            draft.AddScenario(query, heading.Line, route);
        }
    }

    /// <summary>An example that asks: its answers and the sheets under each join the router's question that asks the same.</summary>
    private static void Answers(Draft draft, string asked, List<MarkdownListItem> steps)
    {
        var words = Phrases.Content(asked).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);

        // The router's question that asks the same: two words or more in common, half of the shorter question's at least.
        var ask = draft.Asks.Select(a => (Ask: a, Words: Phrases.Content(a.Text).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal)))
            .Select(x => (x.Ask, Shared: x.Words.Count(words.Contains), Shorter: Math.Min(x.Words.Count, words.Count)))
            .Where(x => x.Shared >= 2 && x.Shared * 2 >= x.Shorter).OrderByDescending(x => x.Shared).Select(x => x.Ask).FirstOrDefault();
        if (ask is null)
        {
            return;
        }

        var ifs = steps.Select(s => (Step: s, Label: IfLabel(s.Text.Plain))).Where(x => x.Label is not null).ToList();
        foreach (var (step, label) in ifs)
        {
            var route = new List<Dest>();
            foreach (var d in draft.Document.Inside(step).SelectMany(TextLine.TextsOf).SelectMany(t => draft.Names.Named(t)).Where(d => !draft.IsPackOnly(d)))
            {
                if (!route.Contains(d))
                {
                    route.Add(d);
                }
            }

            if (route.Count == 0)
            {
                continue;
            }

            var answer = ClarificationReader.AnswerId(label!, ifs.Where(x => x.Step != step).Select(x => x.Label!));
            var existing = ask.Options.FirstOrDefault(o => o.Answer == answer);
            var same = ask.Options.FirstOrDefault(o => o.Next is null && o.Route.SequenceEqual(route));
            var given = Phrases.Items(label!).SelectMany(Phrases.Terms).ToList();
            if (existing is null && same is not null)
            {
                // The same route under other words ("won't charge" is battery care): more words for that answer.
                same.GivenBy.AddRange(given.Where(t => !same.GivenBy.Contains(t)));
            }
            else if (existing is null)
            {
                var option = new Option { Answer = answer, Label = label! };
                option.GivenBy.AddRange(given);
                option.Route.AddRange(route);
                var several = ask.Options.FindIndex(o => ClarificationReader.IsSeveral(o.Label));
                ask.Options.Insert(several >= 0 ? several : ask.Options.Count, option);
            }
            else if (existing.Next is null)
            {
                // A worked example's ordered list of sheets is the fuller route for that answer.
                existing.Route.Clear();
                existing.Route.AddRange(route);
            }
        }
    }

    /// <summary>"If "indoor flights, short range":" → the answer it stands for; null for a step that is no such condition.</summary>
    private static string? IfLabel(string step)
    {
        if (!StartsWith(step, "if"))
        {
            return null;
        }

        var rest = step.TrimStart()[2..].TrimStart().TrimStart('"', '“');
        var end = rest.IndexOfAny(['"', '”', ':']);
        var label = (end >= 0 ? rest[..end] : rest).Trim();
        return label.Length > 0 ? label : null;
    }

    private static bool StartsWith(string text, string word)
    {
        var trimmed = text.TrimStart();
        return Phrases.WordAt(trimmed, 0, word);
    }
}
