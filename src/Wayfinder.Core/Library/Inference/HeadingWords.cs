namespace Wayfinder.Library.Inference;

/// <summary>
/// The words of each sheet's own headings that no other sheet's headings use:
/// single words and pairs, weighted 2 when several headings of the sheet use
/// them, else 1. They settle what the router's words leave open.
/// </summary>
internal static class HeadingWords
{
    public static Dictionary<string, Dictionary<string, int>> Read(Draft draft)
    {
        var bySheet = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var sheet in draft.Pack.Sheets)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var heading in sheet.Sections.Where(x => x.Level is >= 1 and <= 4).Select(x => x.HeadingPath.Split(" > ")[^1]))
            {
                var words = Phrases.Content(heading).Where(w => w.Length >= 3 && !w.All(char.IsDigit) && !draft.PackWords.Contains(w)).ToList();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var k = 0; k < words.Count; k++)
                {
                    seen.Add(words[k]);
                    if (k + 1 < words.Count)
                    {
                        seen.Add(words[k] + " " + words[k + 1]);
                    }
                }

                foreach (var term in seen)
                {
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }
            }

            bySheet[sheet.Id] = counts;
        }

        var spread = bySheet.Values.SelectMany(c => c.Keys).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return bySheet.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.Where(t => spread[t.Key] == 1).ToDictionary(t => t.Key, t => t.Value >= 2 ? 2 : 1, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
