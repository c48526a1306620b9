using Wayfinder.Packs;

namespace Wayfinder.Reporting;

/// <summary>
/// Which sheets some router leads to: a sheet named by a facet, an answer of a
/// clarifying question, a rule, a companion or a dual route of its own pack's
/// router, or handed off to by another pack's. The lexicon only weighs the
/// sheets a question's words point at, and the words inference takes from a
/// sheet's own headings are the sheet's, not a router's: neither counts.
/// Inference gives every sheet a facet of the words of its own name, so in a
/// router read from Markdown a route to its own sheet counts only when
/// SKILL.md names that sheet, as lint's <c>unreached-sheet</c> has it: the
/// drawing and the findings then mark the same sheets.
/// </summary>
internal static class RouterReach
{
    /// <summary>The <c>pack/sheet</c> keys of every sheet some router of <paramref name="packs"/> leads to, by the packs' ids on disk.</summary>
    public static HashSet<string> Reached(IReadOnlyList<ReportPack> packs)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            byName.TryAdd(pack.Id, pack.Id);
        }

        foreach (var pack in packs)
        {
            if (pack.Routing is { } routing)
            {
                byName.TryAdd(routing.Id, pack.Id);
            }

            byName.TryAdd(pack.Source.Name, pack.Id);
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            if (pack.Routing is not { } routing)
            {
                continue;
            }

            foreach (var target in Targets(routing))
            {
                if (target.Sheet is not { } sheet)
                {
                    continue;
                }

                if (target.Pack != routing.Id)
                {
                    reached.Add(byName.GetValueOrDefault(target.Pack, target.Pack) + "/" + sheet);
                }
                else if (pack.Source.Manifest is not null || Library.PackNames.Mentions(pack.Source.RouterText, sheet))
                {
                    reached.Add(pack.Id + "/" + sheet);
                }
            }
        }

        return reached;
    }

    /// <summary>Every destination <paramref name="routing"/>'s routes name, its own sheets as targets in its own pack.</summary>
    public static IEnumerable<Target> Targets(RoutingPack routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        Target Own(string sheet) => new(routing.Id, sheet, null);
        foreach (var facet in routing.Facets)
        {
            foreach (var sheet in facet.Sheets.Concat(facet.Alone).Concat(facet.Default))
            {
                yield return Own(sheet);
            }

            foreach (var target in facet.Handoffs)
            {
                yield return target;
            }
        }

        foreach (var target in routing.Questions.SelectMany(q => q.Options).SelectMany(o => o.Route))
        {
            yield return target;
        }

        foreach (var target in routing.Rules.SelectMany(r => r.Route))
        {
            yield return target;
        }

        foreach (var companion in routing.Companions)
        {
            yield return Own(companion.Add);
        }

        if (routing.DualRoute is { } dual)
        {
            foreach (var target in dual.ByConcern.Values)
            {
                yield return target;
            }
        }
    }
}
