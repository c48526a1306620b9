using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Text;

/// <summary>
/// Separates what a question asks from the background it gives. The first
/// sentence (an issue's title), every sentence ending in a question mark and
/// every sentence that makes a request ("we want to …", "how to …") ask; the
/// rest is context. When the asking sentences name something this
/// pack routes on, facets that route (to sheets or other packs, or broad
/// needs with a question of their own) but appear only in the context are set aside: "we trained it in August and serve it
/// with FastAPI" does not turn a monitoring question into a training or
/// serving one. Facets that only colour the route (LLM, production, edge…)
/// are kept wherever they appear.
/// </summary>
internal static class Focus
{
    /// <summary>
    /// Fills <paramref name="background"/> with the facets named only outside
    /// <paramref name="asks"/> (the asking sentences, from <see cref="AskingSpans"/>).
    /// </summary>
    public static List<TermHit> Apply(RoutingPack pack, List<(int Start, int End)> asks, List<TermHit> hits, HashSet<string> background, List<Evidence> evidence)
    {
        if (asks.Count == 0)
        {
            return hits;
        }

        bool InAsk(TermHit h)
        {
            foreach (var (start, end) in asks)
            {
                if (h.Start >= start && h.Start < end)
                {
                    return true;
                }
            }

            return false;
        }

        // A facet that leads somewhere (sheets, another pack, a default sheet) makes
        // the asking sentences specific; then every facet that could decide the
        // route, broad needs included, counts only where it is asked.
        bool Leads(string facet) => pack.FacetsById[facet] is var f
            && (!f.Sheets.IsDefaultOrEmpty || !f.Handoffs.IsDefaultOrEmpty || !f.Default.IsDefaultOrEmpty);
        bool Routes(string facet) => Leads(facet) || pack.FacetsById[facet].Ask is not null;

        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (InAsk(hit))
            {
                asked.Add(hit.Facet);
            }
        }

        var leads = false;
        foreach (var facet in asked)
        {
            leads |= Leads(facet);
        }

        if (!leads)
        {
            return hits;
        }

        background.Clear();
        foreach (var hit in hits)
        {
            if (!asked.Contains(hit.Facet) && Routes(hit.Facet) && background.Add(hit.Facet))
            {
                evidence.Add(new Evidence(EvidenceKind.Context, hit.Facet, "mentioned only as background: its sheets follow what is asked"));
            }
        }

        return hits;
    }

    /// <summary>
    /// The asking sentences as character spans; empty when the text is a
    /// single sentence (then all of it asks).
    /// </summary>
    internal static List<(int Start, int End)> AskingSpans(string text)
    {
        var sentences = new List<(int Start, int End, bool Question)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c is '?' or '!' or '\n'
                || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !IsAbbreviation(text, i));
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
            if (sentences[k].Question || IsRequest(text.AsSpan(sentences[k].Start, sentences[k].End - sentences[k].Start)))
            {
                asks.Add((sentences[k].Start, sentences[k].End));
            }
        }

        return asks;
    }

    private static readonly string[] Abbreviations = ["vs", "e.g", "i.e", "etc", "approx", "cf", "incl", "v"];

    /// <summary>Whether the full stop at <paramref name="dot"/> closes an abbreviation ("vs.", "e.g.") rather than a sentence.</summary>
    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }

        var word = text.AsSpan(start, dot - start);
        foreach (var abbreviation in Abbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Phrases that make a sentence a request even without a question mark
    /// ("We want to version prompts properly.", "Any advice on …").
    /// </summary>
    private static readonly string[] RequestCues =
    [
        "we want to", "i want to", "we need to", "i need to", "we need a", "i need a", "need help",
        "how do ", "how to ", "how can ", "how should ", "what is the best", "what's the best", "is there a way",
        "any idea", "any advice", "any suggestion", "any tips", "any pointers", "looking for", "would like to",
        "trying to figure", "please advise", "please help", "help me", "recommend",
    ];

    private static bool IsRequest(ReadOnlySpan<char> sentence)
    {
        foreach (var cue in RequestCues)
        {
            if (sentence.Contains(cue, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
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
