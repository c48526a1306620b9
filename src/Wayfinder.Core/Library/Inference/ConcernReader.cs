using System.Globalization;

namespace Wayfinder.Library.Inference;

/// <summary>
/// Concern blocks: a section under a heading (not one quoting a question)
/// with a symptoms line or a "routes to" list, naming from one to
/// <see cref="MaxSheetsPerConcern"/> sheets. Its title, number ("Category 2"),
/// key question and symptoms are kept; what the symptoms say goes to the one
/// sheet they describe, else to the concern.
/// </summary>
internal static class ConcernReader
{
    /// <summary>A block naming more sheets than this is a catalogue or an example, not one concern.</summary>
    public const int MaxSheetsPerConcern = 4;

    public static void Read(Draft draft)
    {
        var document = draft.Document;
        foreach (var heading in document.Headings)
        {
            if (IsQuoted(heading.Title))
            {
                continue;
            }

            var texts = document.Section(heading).SelectMany(TextLine.TextsOf).ToList();
            var lines = TextLine.Of(document.Section(heading)).ToList();
            if (!lines.Exists(l => IsSymptoms(l.Plain) || Labels.Is(l.Plain, Labels.RoutesTo)))
            {
                continue;
            }

            var sheets = texts.SelectMany(draft.Names.Links).Distinct(StringComparer.Ordinal).ToList();
            if (sheets.Count is 0 or > MaxSheetsPerConcern)
            {
                continue;
            }

            var (number, title) = Numbered(heading.Title);
            var id = Phrases.Slug(title);
            if (id.Length == 0 || draft.Concerns.Exists(c => c.Id == id))
            {
                id = "concern-" + (draft.Concerns.Count + 1).ToString(CultureInfo.InvariantCulture);
            }

            var block = new ConcernBlock { Id = id, Title = title, Number = number };
            block.Sheets.AddRange(sheets.OrderBy(s => draft.Stage.GetValueOrDefault(s, int.MaxValue)));
            foreach (var line in lines)
            {
                if (Labels.Is(line.Plain, Labels.Ask) && line.Quotes().FirstOrDefault() is { } question)
                {
                    block.KeyQuestion = question;
                }

                if (IsSymptoms(line.Plain))
                {
                    block.Symptoms.AddRange(line.Quotes());
                }
            }

            draft.Concerns.Add(block);
        }
    }

    /// <summary>A concern's quoted symptoms: one that names a clarification query's words goes to its question; else to the one sheet it describes; else to the concern.</summary>
    public static void Symptoms(Draft draft)
    {
        foreach (var concern in draft.Concerns)
        {
            foreach (var symptom in concern.Symptoms)
            {
                var roots = Phrases.Content(symptom).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
                if (draft.Asks.Exists(a => a.Triggers.Exists(t => roots.Contains(Phrases.Root(t)))))
                {
                    continue;
                }

                var described = draft.Described(symptom).Where(concern.Sheets.Contains).ToList();
                if (described.Count == 0 && draft.Best(symptom, sheetsOnly: true) is { } named && concern.Sheets.Contains(named))
                {
                    described = [named];
                }

                if (described.Count == 1)
                {
                    foreach (var term in Phrases.Terms(symptom))
                    {
                        draft.AddSheetTerm(described[0], term);
                    }

                    continue;
                }

                if (!draft.ConcernTerms.TryGetValue(concern.Id, out var terms))
                {
                    draft.ConcernTerms[concern.Id] = terms = [];
                }

                foreach (var term in Phrases.Terms(symptom))
                {
                    Draft.AddTerm(terms, term);
                }

                var words = Phrases.Content(symptom);
                if (words.Count == 2 && !Phrases.IsNegated(symptom))
                {
                    Draft.AddTerm(terms, Phrases.Term(words[1] + " " + words[0]));
                }
            }
        }
    }

    private static bool IsSymptoms(string line) => Labels.Is(line, Labels.Symptoms) || Labels.Is(line, Labels.UserMentions);

    /// <summary>Whether a heading quotes a question (<c>### "My drone is slow"</c>, <c>### Query: "…"</c>): a clarification or symptom section, not a concern.</summary>
    public static bool IsQuoted(string heading)
    {
        var text = heading.TrimStart();
        if (text.StartsWith("query", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..].TrimStart();
            text = text.StartsWith(':') ? text[1..].TrimStart() : heading.TrimStart();
        }

        return text.StartsWith('"') || text.StartsWith('“');
    }

    /// <summary>"Category 2: Dispatch" → (2, "Dispatch"); a heading with no such number keeps its title.</summary>
    private static (int? Number, string Title) Numbered(string heading)
    {
        int? number = null;
        var lower = heading.ToLowerInvariant();
        var at = lower.IndexOf("category", StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(new string([.. lower[(at + 8)..].TrimStart().TakeWhile(char.IsAsciiDigit)]), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            number = n;
        }

        // "Category 1: …", "Step 2 - …", "Part 3. …": the word and number are not the title.
        var words = heading.TrimStart().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && words[0].ToLowerInvariant() is "category" or "step" or "part")
        {
            var rest = words[1].TrimStart();
            var digits = rest.TakeWhile(char.IsAsciiDigit).Count();
            var after = rest[digits..].TrimStart();
            if (digits > 0 && after.Length > 0 && after[0] is ':' or '.' or '-' or '–')
            {
                return (number, after[1..].Trim());
            }
        }

        return (number, heading.Trim());
    }
}
