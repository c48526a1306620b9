using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Text;

/// <summary>
/// Separates what a question asks from the background it gives. The first
/// sentence (an issue's title) and every sentence ending in a question mark
/// ask; the rest is context. When the asking sentences name something this
/// pack routes on, facets that route (to sheets or other packs) but appear
/// only in the context are set aside: "we trained it in August and serve it
/// with FastAPI" does not turn a monitoring question into a training or
/// serving one. Facets that only colour the route (LLM, production, edge…)
/// are kept wherever they appear.
/// </summary>
internal static class Focus
{
    public static List<TermHit> Apply(RoutingPack pack, string text, List<TermHit> hits, HashSet<string> background, List<Evidence> evidence)
    {
        var asks = AskingSpans(text);
        if (asks.Count == 0)
        {
            return hits;
        }

        bool InAsk(TermHit h) => asks.Exists(a => h.Start >= a.Start && h.Start < a.End);
        bool Routes(string facet) => pack.FacetsById[facet] is var f && (!f.Sheets.IsDefaultOrEmpty || !f.Handoffs.IsDefaultOrEmpty);

        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (InAsk(hit))
            {
                asked.Add(hit.Facet);
            }
        }

        if (!asked.Any(Routes))
        {
            return hits;
        }

        background.Clear();
        foreach (var hit in hits)
        {
            if (!asked.Contains(hit.Facet) && Routes(hit.Facet) && background.Add(hit.Facet))
            {
                evidence.Add(new Evidence("context", hit.Facet, "mentioned only as background: its sheets follow what is asked"));
            }
        }

        return hits;
    }

    /// <summary>
    /// The asking sentences as character spans; empty when the text is a
    /// single sentence (then all of it asks).
    /// </summary>
    private static List<(int Start, int End)> AskingSpans(string text)
    {
        var sentences = new List<(int Start, int End, bool Question)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '?' or '!' or '\n'
                || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])));
            if (!end)
            {
                continue;
            }

            if (HasWord(text, start, i + 1))
            {
                sentences.Add((start, i + 1, c == '?'));
            }

            start = i + 1;
        }

        if (HasWord(text, start, text.Length))
        {
            sentences.Add((start, text.Length, false));
        }

        if (sentences.Count < 2)
        {
            return [];
        }

        var asks = new List<(int, int)> { (sentences[0].Start, sentences[0].End) };
        for (var k = 1; k < sentences.Count; k++)
        {
            if (sentences[k].Question)
            {
                asks.Add((sentences[k].Start, sentences[k].End));
            }
        }

        return asks;
    }

    private static bool HasWord(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
