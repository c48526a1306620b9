using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>What a question says: the facets its words reveal, once negation, focus and suppression have had their say.</summary>
public sealed partial class Router
{
    private HashSet<string> FacetsOf(string question, List<Token> tokens, List<TermHit> hits, HashSet<string> background,
        Dictionary<string, List<string>> words, List<Evidence> evidence)
    {
        var facets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (Negation.IsDismissed(tokens, hit))
            {
                evidence.Add(new Evidence(EvidenceKind.Negated, hit.Facet, $"\"{question.Substring(hit.Start, hit.Length)}\" is said not to be the problem"));
                continue;
            }

            facets.Add(hit.Facet);
            if (!words.TryGetValue(hit.Facet, out var list))
            {
                words[hit.Facet] = list = [];
            }

            var said = question.Substring(hit.Start, hit.Length);
            if (!list.Contains(said, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(said);
            }
        }

        // Evidence in pack order, so that it reads the same on every run.
        foreach (var facet in Pack.Facets)
        {
            if (words.TryGetValue(facet.Id, out var said))
            {
                evidence.Add(new Evidence(EvidenceKind.Term, facet.Id, Quoted(said)));
            }
        }

        // A facet that yields to another present one is set aside; so are the
        // facets a present one suppresses (unless its exceptions are present).
        var present = facets.ToHashSet(StringComparer.Ordinal);
        foreach (var facet in Pack.Facets)
        {
            if (!present.Contains(facet.Id))
            {
                continue;
            }

            // Background never overrides what is asked.
            bool Outranks(string other) => present.Contains(other) && (!background.Contains(other) || background.Contains(facet.Id));
            if (facet.YieldsTo.FirstOrDefault(Outranks) is { } stronger && facets.Remove(facet.Id))
            {
                evidence.Add(new Evidence(EvidenceKind.Suppressed, facet.Id, $"set aside: yields to '{stronger}'"));
            }

            if (facet.Suppresses.IsDefaultOrEmpty || facet.UnlessAny.Any(present.Contains))
            {
                continue;
            }

            foreach (var suppressed in facet.Suppresses)
            {
                if ((!background.Contains(facet.Id) || background.Contains(suppressed)) && facets.Remove(suppressed))
                {
                    evidence.Add(new Evidence(EvidenceKind.Suppressed, suppressed, $"set aside: '{facet.Id}' decides it"));
                }
            }
        }

        return facets;
    }
}
