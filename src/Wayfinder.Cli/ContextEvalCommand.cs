using System.Globalization;
using Wayfinder.Api;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder eval GOLD --context --sheets DIR</c>: context scored against
/// section labels (right sheet and right section within the budget, first
/// section from a right sheet, tokens used), with plain BM25 over every
/// section in the same run.
/// </summary>
internal static class ContextEvalCommand
{
    /// <summary>The budget context is scored at unless told otherwise: what the section labels were measured with.</summary>
    public const int DefaultBudget = 3000;

    public static int Run(Router router, string goldFile, string? sheets, string? split, int budget, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(goldFile))
        {
            return WayfinderCommand.Usage(stderr, $"gold file not found: {goldFile}");
        }

        if (sheets is null || !Directory.Exists(sheets))
        {
            return WayfinderCommand.Usage(stderr, "context is read from the packs on disk: give --sheets DIR (a marketplace such as ../shared/packs)");
        }

        var gold = ContextEval.Read(goldFile, out var errors);
        foreach (var error in errors)
        {
            stderr.WriteLine($"wayfinder: {error}");
        }

        if (split is not null)
        {
            gold = [.. gold.Where(g => g.Split == split)];
        }

        if (gold.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no labelled questions in {goldFile}{(split is null ? "" : $" for split '{split}'")}");
        }

        var library = PackLoading.Load([], [sheets], stderr);
        var counter = TokenCounter.O200kBase;
        var index = SectionIndex.Of(library);
        // What the hosts give, through the service: routed by the built-in pack (the questions are
        // its questions), and routed across every pack loaded, as route, context, mcp and serve do
        // with --packs.
        var alone = new WayfinderService(router, library);
        var across = new WayfinderService(router, library, new Wayfinder.Marketplace.MarketRouter(library.Packs, router));
        (IReadOnlyList<ContextSection>, Decision?) Context(WayfinderService service, ContextGold g)
        {
            var result = service.Context(g.Query, [], budget);
            return (result.Sections, result.Decision);
        }

        var scores = new[]
        {
            ContextEval.Score("wayfinder", gold, g => Context(alone, g)),
            ContextEval.Score("wayfinder-across", gold, g => Context(across, g)),
            ContextEval.Score("bm25-sections", gold, g => (index.Search(g.Query, budget, counter), null)),
        };

        if (json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(scores.ToList()));
            return WayfinderCommand.Ok;
        }

        stdout.WriteLine($"gold: {goldFile} ({gold.Length} questions{(split is null ? "" : $", split {split}")}), budget {budget} tokens, sheets: {sheets}");
        stdout.WriteLine();
        stdout.WriteLine($"{"method",-18}{"right sheet",14}{"right section",16}{"first right",14}{"tokens",10}  clarified (with sections)");
        foreach (var s in scores)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Method,-18}{s.RightSheet,14:0.0}{s.RightSection,16:0.0}{s.FirstRightSheet,14:0.0}{s.MeanTokens,10:0}  {s.Clarified} ({s.ClarifiedWithSections})"));
        }

        return WayfinderCommand.Ok;
    }
}
