namespace Wayfinder.Library.Inference;

/// <summary>
/// Symptom sections: a heading quoting what a user says (<c>### "the drone
/// drifts left in wind"</c>, <c>### Scenario: "Parcels late / batteries drain
/// early"</c>) over a route: a "Route to" line, or numbered steps that each
/// lead with a sheet ("1. <c>dispatch</c> → …", "2. <c>battery-care</c> → …").
/// The quoted phrases and the section's own symptoms point at the first sheet;
/// with a route of several sheets, each quoted phrase of two words or more is
/// a rule for that order. A section that asks a question is a clarification
/// (<see cref="ClarificationReader"/>), not this.
/// </summary>
internal static class SymptomSectionReader
{
    public static void Read(Draft draft)
    {
        var document = draft.Document;
        foreach (var heading in document.Headings)
        {
            if (heading.Text.Quotes.IsEmpty || IsClarification(document, heading))
            {
                continue;
            }

            var section = document.Section(heading).ToList();
            var lines = TextLine.Of(section).ToList();
            var route = RouteOf(draft, section, lines);
            if (route.Count == 0)
            {
                continue;
            }

            var phrases = heading.Text.Quotes.Select(q => q.Text).ToList();
            if (route[0].Pack == draft.Pack.Id)
            {
                var sheet = route[0].Sheet!;
                foreach (var phrase in phrases)
                {
                    draft.AddPhrase(sheet, phrase);
                }

                foreach (var symptoms in lines.Where(l => Labels.Is(l.Plain, Labels.Symptoms)).Select(l => Labels.After(l.Plain)))
                {
                    foreach (var symptom in symptoms.Split(';').Where(s => s.Trim().Length > 0))
                    {
                        draft.AddItems(sheet, symptom);
                    }
                }
            }

            if (route.Count >= 2)
            {
                foreach (var phrase in phrases.SelectMany(p => p.Split('/')).Select(p => p.Trim()))
                {
                    draft.AddScenario(phrase, heading.Line, route);
                }
            }
        }
    }

    /// <summary>Whether a quoted heading's section asks its own question: then it is a clarification.</summary>
    private static bool IsClarification(MarkdownDocument document, MarkdownHeading heading) =>
        TextLine.Of(document.Section(heading)).Any(l => Labels.Is(l.Plain, Labels.Ask) && l.Quotes().Any());

    /// <summary>The section's route: what its "Route to" line names, else the sheet each of its numbered steps leads with.</summary>
    private static List<Dest> RouteOf(Draft draft, List<MarkdownBlock> section, List<TextLine> lines)
    {
        foreach (var line in lines.Where(l => Labels.Is(l.Plain, Labels.RoutesTo)))
        {
            var route = Routes.Resolve(draft, Labels.After(Phrases.OneLine(Expanded(line))), line.Line);
            if (route.Count > 0)
            {
                return route;
            }
        }

        var steps = section.OfType<MarkdownListItem>().Where(i => i.Ordered && i.Parent < 0);
        return [.. steps.Select(s => Lead(draft, s)).OfType<Dest>().Distinct()];
    }

    /// <summary>The destination a step leads with: named before anything else it says.</summary>
    private static Dest? Lead(Draft draft, MarkdownListItem step)
    {
        var text = SheetNames.Expand(step.Text);
        var cut = text.IndexOfAny(['→', '—', ':']);
        var named = draft.Names.Named(cut > 0 ? text[..cut] : text).Where(d => !draft.IsPackOnly(d)).ToList();
        return named.Count > 0 ? named[0] : null;
    }

    private static string Expanded(TextLine line) => SheetNames.Expand(line.Text).Split('\n').ElementAtOrDefault(line.Line - line.Text.Line) ?? line.Plain;
}
