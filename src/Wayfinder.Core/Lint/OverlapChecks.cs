using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Marketplace;

namespace Wayfinder.Lint;

/// <summary>
/// Routing overlap: where the router cannot tell its own destinations apart
/// on the pack's own words. Inside a pack, what the router says of each sheet
/// (its catalogue summary, names taken out) is routed through the pack, and
/// one that lands on another sheet is a warning; across a marketplace, two
/// skills whose descriptions each route to the other are. Both competing
/// phrases are quoted, so an author can sharpen one of them.
/// </summary>
public static partial class PackLinter
{
    /// <summary>A catalogue line with fewer words than this, once the names are out, says too little to route.</summary>
    private const int MinOverlapWords = 5;

    /// <summary>How much of a competing phrase a warning quotes.</summary>
    private const int QuoteLength = 120;

    private static void Overlaps(PackLibrary library, List<LintFinding> findings)
    {
        if (library.Packs.IsEmpty)
        {
            return;
        }

        var router = new MarketRouter(library.Packs);
        // Each pack on its own, two at a time; the findings are sorted at the end, so the order they come in does not matter.
        var perPack = new List<LintFinding>[library.Packs.Length];
        Parallel.For(0, library.Packs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            perPack[i] = [];
            var pack = library.Packs[i];
            if (pack.Sheets.Length > 1)
            {
                SheetOverlaps(router, pack, perPack[i]);
            }
        });
        findings.AddRange(perPack.SelectMany(f => f));

        if (library.Packs.Length < 2)
        {
            return;
        }

        // Two skills the marketplace cannot tell apart: each one's own description routes to the other.
        var chosen = library.Packs.Where(p => !string.IsNullOrWhiteSpace(p.Description))
            .ToDictionary(p => p.Id, p => router.Route(p.Description, []).Steps is [var top, ..] ? top.Pack : null, StringComparer.Ordinal);
        foreach (var pack in library.Packs)
        {
            if (chosen.GetValueOrDefault(pack.Id) is { } other && other != pack.Id && chosen.GetValueOrDefault(other) == pack.Id
                && library.FindPack(other) is { } rival)
            {
                findings.Add(new LintFinding(LintSeverity.Warning, "routing-overlap", pack.SkillFile, DescriptionLine(pack), 1,
                    $"the marketplace cannot tell this skill from '{rival.Id}': each one's own description routes to the other (\"{Quote(rival.Description)}\"); sharpen one of the two descriptions"));
            }
        }
    }

    /// <summary>What the router says of each sheet (its catalogue summary, as inference reads it), routed inside the pack: one that lands on another sheet is a warning.</summary>
    private static void SheetOverlaps(MarketRouter router, MarkdownPack pack, List<LintFinding> findings)
    {
        // Compiled once, by the router that routes inside the pack.
        router.RouteIn(pack.Id, pack.Name, []);
        if (router.CompiledPack(pack.Id) is not { } compiled)
        {
            return;
        }

        var said = compiled.Sheets.Where(s => s.Summary.Length > 0).ToDictionary(s => s.Id, s => WithoutNames(s.Summary, pack), StringComparer.Ordinal);
        var reported = new HashSet<(string, string)>();
        foreach (var (sheet, words) in said.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (Words().Count(words) < MinOverlapWords)
            {
                continue;
            }

            var decision = router.RouteIn(pack.Id, words, []);
            if (decision.Status == DecisionStatus.Routed && decision.Steps is [var top, ..] && top.Pack == pack.Id && top.Sheet != sheet
                && reported.Add(string.CompareOrdinal(sheet, top.Sheet) < 0 ? (sheet, top.Sheet) : (top.Sheet, sheet)))
            {
                var rival = said.TryGetValue(top.Sheet, out var other) ? $"which the router describes as \"{Quote(other)}\"" : "which the router does not describe";
                findings.Add(new LintFinding(LintSeverity.Warning, "routing-overlap", pack.SkillFile, LineOf(pack, words, sheet), 1,
                    $"the router's own words for '{sheet}' (\"{Quote(words)}\") route to '{top.Sheet}', {rival}: sharpen one of them"));
            }
        }
    }

    /// <summary>The router's line that says <paramref name="words"/> of a sheet: the first naming the sheet whose text holds their start, else the first naming it.</summary>
    private static int LineOf(MarkdownPack pack, string words, string sheet)
    {
        var lines = pack.RouterText.Split('\n');
        var start = words.Length > 24 ? words[..24] : words;
        var naming = Enumerable.Range(0, lines.Length).Where(i => PackNames.Mentions(lines[i], sheet)).ToList();
        var exact = naming.FirstOrDefault(i => WithoutNames(lines[i], pack).Contains(start, StringComparison.Ordinal), -1);
        return (exact >= 0 ? exact : naming.FirstOrDefault(-1)) + 1 is var line and > 0 ? line : 1;
    }

    /// <summary>A line's words with the pack's sheet names, link targets and Markdown marks taken out: what it says about the sheet.</summary>
    private static string WithoutNames(string text, MarkdownPack pack)
    {
        var plain = LinkTarget().Replace(text, "");
        foreach (var sheet in pack.Sheets)
        {
            plain = plain.Replace(sheet.Id + ".md", " ", StringComparison.OrdinalIgnoreCase).Replace(sheet.Id, " ", StringComparison.OrdinalIgnoreCase);
        }

        return Spaces().Replace(Marks().Replace(plain, " "), " ").Trim();
    }

    /// <summary>The line of SKILL.md that holds its description, or 1.</summary>
    private static int DescriptionLine(MarkdownPack pack)
    {
        var lines = pack.RouterText.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("description:", StringComparison.Ordinal));
        return at >= 0 ? at + 1 : 1;
    }

    private static string Quote(string text) => text.Length <= QuoteLength ? text : text[..QuoteLength].TrimEnd() + "…";

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"[`*_#|>\[\]→-]+")]
    private static partial Regex Marks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();
}
