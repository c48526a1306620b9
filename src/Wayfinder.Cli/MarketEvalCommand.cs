using System.Globalization;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder eval GOLD --market DIR</c>: the router over the packs of a
/// marketplace against BM25 over their whole sheets and over their sections,
/// in one run: inside each question's own pack, per pack and overall, then
/// across the marketplace, right pack and right first sheet.
/// </summary>
internal static class MarketEvalCommand
{
    public static int Run(Router builtIn, string goldFile, string market, string? split, bool showMisses, string? modelFile, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(goldFile))
        {
            return WayfinderCommand.Usage(stderr, $"gold file not found: {goldFile}");
        }

        var library = PackLoading.Load([], [market], stderr);
        if (library.Packs.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {market}");
        }

        var gold = GoldSet.Read(goldFile);
        foreach (var error in gold.Errors)
        {
            stderr.WriteLine($"wayfinder: {error}");
        }

        var questions = gold.InSplit(split);
        if (questions.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no usable question in {goldFile}{(split is null ? "" : $" (split '{split}')")}");
        }

        MarketModel? model = null;
        if (modelFile is not null)
        {
            try
            {
                model = MarketModel.FromJson(File.ReadAllText(modelFile), modelFile);
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                return WayfinderCommand.Usage(stderr, ex.Message);
            }
        }

        var router = new MarketRouter(library.Packs, builtIn, model);
        var eval = new MarketEval(router, library.Packs);
        var o = stdout;
        o.WriteLine($"gold: {goldFile} ({questions.Length} questions{(split is null ? "" : $", split {split}")})");
        o.WriteLine($"marketplace: {market} ({library.Packs.Length} packs, {library.Packs.Sum(p => p.Sheets.Length)} sheets)");
        o.WriteLine();

        var inside = eval.InsidePacks(questions);
        o.WriteLine("inside one pack (each question routed inside the pack of its first accepted destination), first sheet right:");
        Table(o, inside, byPack: true, packColumn: false);
        o.WriteLine();

        var across = eval.Across(questions);
        o.WriteLine("across the marketplace: right pack / right first sheet:");
        Table(o, across, byPack: true, packColumn: true);
        var tally = MarketEval.Tally(across.Where(x => x.Method == MarketEval.Router));
        o.WriteLine(FormattableString.Invariant($"router: clarify recall {Percent(tally.ClarifyRecall)} ({tally.Asked}/{tally.ClarifyRequired}), false clarify {Percent(tally.FalseClarifyRate)} ({tally.FalseClarify}/{tally.Clear}), said to fit no pack {tally.None}"));

        if (showMisses)
        {
            o.WriteLine();
            o.WriteLine("misses across the marketplace (router):");
            foreach (var miss in across.Where(x => x.Method == MarketEval.Router && !x.Right))
            {
                o.WriteLine($"  {miss.Gold.Id}: want {string.Join(" | ", miss.Gold.AcceptFirst)}; got {miss.Predicted}");
                o.WriteLine($"    {Terminal.Visible(miss.Gold.Query.Split('\n')[0])}");
            }

            o.WriteLine();
            o.WriteLine("misses inside one pack (router):");
            foreach (var miss in inside.Where(x => x.Method == MarketEval.Router && !x.Right))
            {
                o.WriteLine($"  {miss.Gold.Id}: want {string.Join(" | ", miss.Gold.AcceptFirst)}; got {miss.Predicted}");
            }
        }

        return WayfinderCommand.Ok;
    }

    private static void Table(TextWriter o, List<MarketOutcome> outcomes, bool byPack, bool packColumn)
    {
        const int label = 40;
        const int column = 15;
        o.Write("pack".PadRight(label) + "n".PadLeft(5));
        foreach (var m in MarketEval.Methods)
        {
            o.Write((packColumn ? m : m).PadLeft(column));
        }

        o.WriteLine();
        var groups = byPack
            ? outcomes.GroupBy(x => MarketEval.PackOf(x.Gold.AcceptFirst.FirstOrDefault() ?? "(clarify)")).OrderBy(g => g.Key, StringComparer.Ordinal).ToList()
            : [];
        foreach (var g in groups)
        {
            Row(o, g.Key, g.ToList(), packColumn);
        }

        Row(o, "overall", outcomes, packColumn);
        var router = MarketEval.Tally(outcomes.Where(x => x.Method == MarketEval.Router));
        var sheets = MarketEval.Tally(outcomes.Where(x => x.Method == MarketEval.Bm25Sheets));
        var sections = MarketEval.Tally(outcomes.Where(x => x.Method == MarketEval.Bm25Sections));
        o.WriteLine(FormattableString.Invariant($"router / bm25-sheets: {Ratio(router.Accuracy, sheets.Accuracy)}; router / bm25-sections: {Ratio(router.Accuracy, sections.Accuracy)}"));
        if (byPack && !packColumn)
        {
            var below = groups.Where(g => MarketEval.Tally(g.Where(x => x.Method == MarketEval.Router)).Accuracy < MarketEval.Tally(g.Where(x => x.Method == MarketEval.Bm25Sheets)).Accuracy).Select(g => g.Key).ToList();
            o.WriteLine($"packs where the router is below bm25-sheets: {(below.Count == 0 ? "none" : string.Join(", ", below))}");
        }
    }

    private static void Row(TextWriter o, string name, List<MarketOutcome> outcomes, bool packColumn)
    {
        var n = outcomes.Count(x => x.Method == MarketEval.Router);
        o.Write((name.Length > 39 ? name[..39] : name).PadRight(40) + n.ToString(CultureInfo.InvariantCulture).PadLeft(5));
        foreach (var m in MarketEval.Methods)
        {
            var t = MarketEval.Tally(outcomes.Where(x => x.Method == m));
            o.Write((packColumn ? $"{Percent(t.PackAccuracy)} / {Percent(t.Accuracy)}" : Percent(t.Accuracy)).PadLeft(15));
        }

        o.WriteLine();
    }

    private static string Percent(double value) => double.IsNaN(value) ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
