using System.CommandLine;
using System.Globalization;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Scoring;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder fit</c>: fits a pack's model from labelled questions and
/// writes it as pack data, with the ask margin's trade-off curve on stderr.
/// </summary>
internal static class FitCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
    {
        var gold = new Argument<string>("gold") { Description = "Labelled questions in the gold format of eval (JSON Lines with accept_first and, to split them, split)." };
        var split = new Option<string?>("--split") { Description = "Fit the weights on this split's questions (default: train; 'all' for every question).", DefaultValueFactory = _ => "train" };
        var tune = new Option<string?>("--tune") { Description = "Set the ask margin on this split's questions (default: dev; 'all' for every question).", DefaultValueFactory = _ => "dev" };
        var pack = new Option<string?>("--pack") { Description = "Fit the pack in this skill folder (its *.pack.yaml, else what its SKILL.md implies) instead of the built-in pack." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the model to this file (a pack reads *.model.json beside its SKILL.md); without it, to standard output." };
        var keep = new Option<string[]>("--keep")
        {
            Description = "Gold files of questions the fit must not make wrong (the pack's own cases): the settings keep every one the rules and facets get right (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var also = new Option<string[]>("--also")
        {
            Description = "Gold files whose every question is also fitted on, whatever its split (the pack's own cases; repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var market = new Option<string?>("--market") { Description = "Fit the market weights (which pack, then which sheet, over any pack) on the packs of this marketplace instead: the gold file and every --also file give questions, split as for a pack." };
        var command = new Command("fit", "Fit a pack's routing model from labelled questions: feature weights and priors on one split, the ask margin on another. Deterministic; prints the margin's trade-off curve on stderr.")
        {
            gold, split, tune, pack, output, keep, also, market,
        };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(market) is { } marketplace)
            {
                return MarketFitCommand.Run(builtIn.Value, marketplace, [parsed.GetValue(gold)!, .. parsed.GetValue(also) ?? []], Split(parsed.GetValue(split)), Split(parsed.GetValue(tune)), parsed.GetValue(output), stdout, stderr);
            }

            var folder = parsed.GetValue(pack);
            var routing = folder is null ? BuiltInPack.Value : LoadPack(folder, stderr);
            if (routing is null)
            {
                return WayfinderCommand.UsageError;
            }

            return Run(
                routing,
                new Options(parsed.GetValue(gold)!, Split(parsed.GetValue(split)), Split(parsed.GetValue(tune)), parsed.GetValue(output), parsed.GetValue(keep) ?? [], parsed.GetValue(also) ?? []),
                stdout,
                stderr);
        });
        return command;
    }

    public sealed record Options(string Gold, string? Split, string? Tune, string? Output, IReadOnlyList<string> Keep, IReadOnlyList<string> Also);

    /// <summary>A split as the fit takes it: 'all' is every question, whatever its split.</summary>
    private static string? Split(string? value) => value is "all" ? null : value;

    public static int Run(RoutingPack pack, Options options, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(options.Gold))
        {
            return WayfinderCommand.Usage(stderr, $"gold file not found: {options.Gold}");
        }

        var gold = GoldSet.Read(options.Gold);
        foreach (var error in gold.Errors)
        {
            stderr.WriteLine($"wayfinder: {error}");
        }

        if (gold.InSplit(options.Split).IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no usable question in {options.Gold}{(options.Split is null ? "" : $" (split '{options.Split}')")}");
        }

        if (options.Tune is not null && gold.InSplit(options.Tune).IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no usable question to set the ask margin on in {options.Gold} (split '{options.Tune}')");
        }

        if (Read(options.Keep, "--keep", stderr) is not { } keep || Read(options.Also, "--also", stderr) is not { } also)
        {
            return WayfinderCommand.UsageError;
        }

        var corpus = ModelCorpus.Of(options.Gold, options.Split, options.Also);
        var result = ModelFitter.Fit(pack, gold, corpus, new FitOptions(options.Split, options.Tune), also, keep);
        foreach (var skipped in result.Skipped)
        {
            stderr.WriteLine($"wayfinder: not fitted on {skipped}");
        }

        var model = result.Model;
        stderr.WriteLine(FormattableString.Invariant($"fitted on {model.Corpus.Items} questions of {corpus.File} (split {(options.Split ?? "all")}), loss {result.Loss:0.000}"));
        for (var f = 0; f < RouteModel.FeatureNames.Length; f++)
        {
            stderr.WriteLine(FormattableString.Invariant($"  {RouteModel.FeatureNames[f],-12} {model.Weights[f],8:0.000}"));
        }

        if (keep.Count > 0)
        {
            stderr.WriteLine($"kept right: the {result.Kept} of {keep.Count} --keep questions the rules and facets get right");
        }

        stderr.WriteLine(FormattableString.Invariant(
            $"settings on split {options.Tune ?? options.Split ?? "all"}: override {model.Ask.Override:0.00} (fixed routes {model.Ask.OverrideFixed:0.00}), least information {model.Ask.MinSignal:0.0}, ask margin {model.Ask.Margin:0.00}"));
        stderr.WriteLine("ask margin: accuracy, false-clarify, clarify recall, relevant@3");
        foreach (var point in result.Curve)
        {
            var chosen = point.Margin == model.Ask.Margin ? "  <- chosen" : "";
            stderr.WriteLine(FormattableString.Invariant(
                $"  {point.Margin,5:0.00}: {point.Accuracy,5:0.0}% {point.FalseClarify,5:0.0}% {Recall(point.ClarifyRecall),6} {point.RelevantAt3,5:0.0}%{chosen}"));
        }

        var json = model.ToJson();
        if (options.Output is null)
        {
            stdout.Write(json);
        }
        else
        {
            File.WriteAllText(options.Output, json);
            stderr.WriteLine($"wrote {options.Output}");
        }

        return 0;
    }

    /// <summary>The routing pack of a skill folder: its manifest, else the one its SKILL.md implies; null (said on stderr) when there is none.</summary>
    public static RoutingPack? LoadPack(string folder, TextWriter stderr)
    {
        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            WayfinderCommand.Usage(stderr, $"--pack wants a skill folder holding SKILL.md: {folder}");
            return null;
        }

        var library = PackLoading.Load([folder], [], stderr);
        if (library.Packs.IsEmpty)
        {
            WayfinderCommand.Usage(stderr, $"the pack in {folder} could not be loaded");
            return null;
        }

        var pack = library.Packs[0];
        var routing = pack.Manifest ?? Library.MarkdownCompiler.Compile(pack, []).Pack;
        if (routing is null)
        {
            WayfinderCommand.Usage(stderr, $"the pack in {folder} has no routing manifest and its SKILL.md implies none to fit");
        }

        return routing;
    }

    /// <summary>The questions of some gold files; null (said on stderr) when one is missing.</summary>
    private static List<GoldQuestion>? Read(IReadOnlyList<string> files, string option, TextWriter stderr)
    {
        var questions = new List<GoldQuestion>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                WayfinderCommand.Usage(stderr, $"{option} file not found: {file}");
                return null;
            }

            var set = GoldSet.Read(file);
            foreach (var error in set.Errors)
            {
                stderr.WriteLine($"wayfinder: {error}");
            }

            questions.AddRange(set.Questions);
        }

        return questions;
    }

    /// <summary>A model file, read and checked; null (said on stderr) when it cannot be used.</summary>
    public static RouteModel? LoadModel(string file, TextWriter stderr)
    {
        try
        {
            return RouteModel.FromJson(File.ReadAllText(file), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            WayfinderCommand.Usage(stderr, e is FormatException ? e.Message : $"cannot read the model {file}: {e.Message}");
            return null;
        }
    }

    private static string Recall(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
