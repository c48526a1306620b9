using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Advisories;

/// <summary>Attaches the advisories a decision needs, in a fixed order: maintenance mode, tools, fast-moving areas, capability tiers.</summary>
internal static partial class AdvisoryCollector
{
    /// <summary>The GPUs and models a question names, each with its tier, in pack order and without repeats.</summary>
    public static List<(string Subject, CapabilityTier Tier)> NamedTiers(RoutingPack pack, string question)
    {
        var found = new List<(string, CapabilityTier)>();
        HashSet<string>? seen = null;
        foreach (var tier in pack.Tiers)
        {
            // Patterns have no timeout: a tier found or missed must not depend on how busy the machine is.
            // Most questions name no GPU or model: IsMatch allocates nothing.
            if (!tier.Pattern.IsMatch(question))
            {
                continue;
            }

            foreach (Match match in tier.Pattern.Matches(question))
            {
                var subject = match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : match.Value;
                seen ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                if (seen.Add(subject))
                {
                    found.Add((subject, tier));
                }
            }
        }

        return found;
    }

    public static List<Advisory> Collect(RoutingPack pack, IReadOnlyList<(string Subject, CapabilityTier Tier)> named, IReadOnlySet<string> facets,
        IReadOnlyList<Step> steps, IReadOnlyList<Handoff> handoffs)
    {
        var advisories = new List<Advisory>();
        foreach (var notice in pack.Maintenance)
        {
            if (facets.Contains(notice.Facet))
            {
                var existing = facets.Contains("existing");
                advisories.Add(new Advisory(AdvisoryKind.MaintenanceMode, notice.Subject, existing ? notice.ExistingText : notice.Text));
            }
        }

        foreach (var facet in pack.Facets)
        {
            if (facet is { Infrastructure: true, Tool: { } tool } && facets.Contains(facet.Id))
            {
                var concern = steps.Count > 0 ? pack.ConcernsById[steps[0].Concern].Title.ToLowerInvariant() : "whichever concern the question turns out to have";
                advisories.Add(new Advisory(AdvisoryKind.ToolNotConcern, tool,
                    pack.ToolNotConcernText.Replace("{tool}", tool, StringComparison.Ordinal).Replace("{concern}", concern, StringComparison.Ordinal)));
            }
        }

        for (var a = 0; a < pack.FastMoving.Length; a++)
        {
            var area = pack.FastMoving[a];
            var touched = false;
            foreach (var step in steps)
            {
                touched |= area.Sheets.Contains(step.Sheet);
            }

            var relevant = area.WhenAny.IsDefaultOrEmpty || AnyIn(area.WhenAny, facets) || RoutesTo(handoffs, area.WhenRouteTo);
            if (touched && relevant)
            {
                advisories.Add(new Advisory(AdvisoryKind.StaleKnowledge, area.Subject, pack.StaleKnowledgeTexts[a]));
            }
        }

        foreach (var (subject, tier) in named)
        {
            var described = tier.Tier.Replace("{params}", SizeClass(subject), StringComparison.Ordinal);
            advisories.Add(new Advisory(AdvisoryKind.CapabilityTier, subject,
                $"'{subject}' is read as: {described}. The sheets reason in capability tiers, not product names, so the advice holds for equivalents."));
        }

        return advisories;
    }

    /// <summary>The size class of a model from the parameter count in its name ("13b" → mid-size).</summary>
    private static bool AnyIn(ImmutableArray<string> ids, IReadOnlySet<string> facets)
    {
        foreach (var id in ids)
        {
            if (facets.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RoutesTo(IReadOnlyList<Handoff> handoffs, ImmutableArray<string> packs)
    {
        foreach (var handoff in handoffs)
        {
            if (packs.Contains(handoff.Pack))
            {
                return true;
            }
        }

        return false;
    }

    private static string SizeClass(string name)
    {
        var match = ParameterCount().Match(name);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var billions))
        {
            return "an";
        }

        return billions switch
        {
            <= 4 => "a small (on-device class)",
            <= 16 => "a mid-size (single-GPU class)",
            <= 80 => "a large (multi-GPU class)",
            _ => "a frontier-scale",
        };
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*b", RegexOptions.IgnoreCase | RegexOptions.RightToLeft | RegexOptions.CultureInvariant)]
    private static partial Regex ParameterCount();
}
