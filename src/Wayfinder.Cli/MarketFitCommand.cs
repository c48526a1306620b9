using System.Globalization;
using System.Text;
using Wayfinder.Evaluation;
using Wayfinder.Marketplace;
using Wayfinder.Routing;
using Wayfinder.Scoring;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder fit --market DIR GOLD [--also GOLD]</c>: fits the market weights across the packs of a marketplace.</summary>
internal static class MarketFitCommand
{
    public static int Run(Router builtIn, string market, IReadOnlyList<string> goldFiles, string? split, string? tune, string? output, TextWriter stdout, TextWriter stderr)
    {
        var library = PackLoading.Load([], [market], stderr);
        if (library.Packs.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {market}");
        }

        var train = new List<GoldQuestion>();
        var share = new Dictionary<GoldQuestion, double>(ReferenceEqualityComparer.Instance);
        var tuning = new List<GoldQuestion>();
        foreach (var file in goldFiles)
        {
            if (!File.Exists(file))
            {
                return WayfinderCommand.Usage(stderr, $"gold file not found: {file}");
            }

            var gold = GoldSet.Read(file);
            foreach (var error in gold.Errors)
            {
                stderr.WriteLine($"wayfinder: {error}");
            }

            var fitted = gold.InSplit(split);
            train.AddRange(fitted);
            foreach (var q in fitted)
            {
                share[q] = 1.0 / fitted.Length;
            }

            tuning.AddRange(gold.InSplit(tune));
        }

        if (train.Count == 0)
        {
            return WayfinderCommand.Usage(stderr, "no question to fit on");
        }

        var router = new MarketRouter(library.Packs, builtIn, new MarketModel());
        var corpus = string.Join(", ", goldFiles.Select(f => $"{Path.GetFileName(f)} ({ModelCorpus.HashOf(f)[..12]})"));
        // Each gold file weighs the same in the fit, however many questions it holds.
        var model = MarketFitter.Fit(router, train, tuning, FormattableString.Invariant($"fitted on {train.Count} questions (split {split ?? "all"}) of {corpus}, each file weighing the same; tuned on {tuning.Count} (split {tune ?? "all"})"), q => share[q]);
        stderr.WriteLine(FormattableString.Invariant($"wayfinder: pack weights {string.Join(", ", MarketFeatures.PackNames.Zip(model.Pack, (n, w) => $"{n} {w:0.###}"))}"));
        stderr.WriteLine(FormattableString.Invariant($"wayfinder: sheet weights {string.Join(", ", MarketFeatures.SheetNames.Zip(model.Sheet, (n, w) => $"{n} {w:0.###}"))}"));
        stderr.WriteLine(FormattableString.Invariant($"wayfinder: ask margin {model.AskMargin:0.####}, least information {model.MinInformation:0.###}"));
        if (output is null)
        {
            stdout.Write(model.ToJson());
        }
        else
        {
            File.WriteAllText(output, model.ToJson(), new UTF8Encoding(false));
        }

        return WayfinderCommand.Ok;
    }
}
