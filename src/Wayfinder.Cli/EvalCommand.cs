using System.CommandLine;
using System.Globalization;
using System.Text;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
#if WAYFINDER_EMBEDDING
using Wayfinder.Semantic;
#endif
using Wayfinder.Serialization;
using Wayfinder.Decisions;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder eval</c>: runs matchers side by side over a gold file and
/// prints score.py's figures, a confusion table by concern and the misses.
/// </summary>
internal static class EvalCommand
{
    public static readonly string[] MatcherNames = ["default", "bm25", "embedding", "markdown"];

    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
    {
        var gold = new Argument<string>("gold") { Description = "A gold file in JSON Lines: {\"id\", \"query\", \"accept_first\", \"relevant\", \"clarify\", \"advisories\"}." };
        var matchers = new Option<string[]>("--matcher", "-m")
        {
            Description = "A matcher to evaluate (repeat to compare side by side): default, bm25, embedding. The first is compared with the best of the others.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var sheets = new Option<string?>("--sheets", "--packs") { Description = "A packs directory (<pack>/skills/<skill>/*.md) whose sheets bm25 and embedding search; without it they search the built-in pack's own descriptions." };
        var passages = new Option<PassageGranularity?>("--passages")
        {
            Description = "How bm25 and embedding cut sheets on disk: section or sheet (default: bm25 per sheet, embedding per section, each method's best).",
        }.OneOf();
        var split = new Option<string?>("--split") { Description = "Only the gold questions of this split." };
        var showMisses = new Option<bool>("--show-misses") { Description = "List every miss with what was decided and the evidence." };
        var json = new Option<bool>("--json") { Description = "Print the figures, confusion tables and misses as JSON." };
        var decisionsOut = new Option<string?>("--decisions-out") { Description = "Write each matcher's decisions to DIR/<matcher>.jsonl (for score.py)." };
        var model = new Option<string?>("--model") { Description = "Route with this fitted model (a file written by fit) instead of the pack's own: to try a fit before installing it." };
        var market = new Option<string?>("--market") { Description = "Score routing over the packs of this marketplace instead (inside each question's pack, and across all of them), against BM25 over their sheets and over their sections." };
        var context = new Option<bool>("--context") { Description = "Score context instead, against section labels (JSON Lines with sections as pack/sheet#Heading > Path): right sheet and right section within the budget, first section from a right sheet, tokens used; BM25 over every section in the same run. Needs --sheets." };
        var budget = new Option<int>("--budget")
        {
            Description = $"With --context: the token budget (o200k_base), from 1 to {Wayfinder.Api.WayfinderService.MaxBudget}.",
            DefaultValueFactory = _ => ContextEvalCommand.DefaultBudget,
        }.Budget();
        var command = new Command("eval", "Score matchers against a gold file: accuracy, clarify recall, false-clarify rate, relevant-recall@3, advisory recall, a confusion table by concern.")
        {
            gold, matchers, sheets, passages, split, showMisses, json, decisionsOut, model, market, context, budget,
        };
        command.SetAction(parsed =>
        {
            var router = builtIn.Value;
            if (parsed.GetValue(context))
            {
                return ContextEvalCommand.Run(router, parsed.GetValue(gold)!, parsed.GetValue(sheets), parsed.GetValue(split), parsed.GetValue(budget), parsed.GetValue(json), stdout, stderr);
            }

            if (parsed.GetValue(market) is { } marketplace)
            {
                return MarketEvalCommand.Run(router, parsed.GetValue(gold)!, marketplace, parsed.GetValue(split), parsed.GetValue(showMisses), parsed.GetValue(model), stdout, stderr);
            }

            if (parsed.GetValue(model) is { } file)
            {
                if (WithModel(router, file, stderr) is not { } fitted)
                {
                    return WayfinderCommand.UsageError;
                }

                router = fitted;
            }

            return Run(
                router,
                new Options(
                    parsed.GetValue(gold)!,
                    parsed.GetValue(matchers) ?? [],
                    parsed.GetValue(sheets),
                    parsed.GetValue(passages),
                    parsed.GetValue(split),
                    parsed.GetValue(showMisses),
                    parsed.GetValue(json),
                    parsed.GetValue(decisionsOut)),
                stdout,
                stderr);
        });
        return command;
    }

    public sealed record Options(
        string Gold,
        IReadOnlyList<string> Matchers,
        string? Sheets,
        PassageGranularity? Passages,
        string? Split,
        bool ShowMisses,
        bool Json,
        string? DecisionsOut);

    public static int Run(Router router, Options options, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(options.Gold))
        {
            return WayfinderCommand.Usage(stderr, $"gold file not found: {options.Gold}");
        }

        var names = options.Matchers.Count == 0 ? ["default"] : options.Matchers.Distinct(StringComparer.Ordinal).ToList();
        if (names.FirstOrDefault(n => !MatcherNames.Contains(n)) is { } unknown)
        {
            return WayfinderCommand.Usage(stderr, $"unknown matcher '{unknown}'; choose from {string.Join(", ", MatcherNames)}");
        }

#if !WAYFINDER_EMBEDDING
        if (names.Contains("embedding"))
        {
            return WayfinderCommand.Usage(stderr, "this build of wayfinder has no embedding matcher (the native binary and the dotnet tool leave out its 91 MB model); run it from the source tree: dotnet run --project src/Wayfinder.Cli -- eval ...");
        }

#endif
        if (names.Contains("markdown") && options.Sheets is null)
        {
            return WayfinderCommand.Usage(stderr, "the markdown matcher routes the packs on disk: give --packs DIR");
        }

        if (options.Sheets is not null && !Directory.Exists(options.Sheets))
        {
            return WayfinderCommand.Usage(stderr, $"sheets directory not found: {options.Sheets}");
        }

        if (options.Sheets is not null && Wayfinder.Library.PackLibrary.Load([], [options.Sheets]).Packs.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {options.Sheets}, so the matchers would search nothing (a marketplace holds {PackLoading.MarketplaceLayout} below it)");
        }

        var gold = GoldSet.Read(options.Gold);
        foreach (var error in gold.Errors)
        {
            stderr.WriteLine($"wayfinder: {error}");
        }

        var questions = gold.InSplit(options.Split);
        if (questions.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no usable question in {options.Gold}{(options.Split is null ? "" : $" (split '{options.Split}')")}");
        }

        var pack = router.Pack;
        var runs = new List<EvalRun>();
        foreach (var name in names)
        {
            var matcher = Matcher(name, router, pack, options, stderr);
            try
            {
                var run = EvalRunner.Run(matcher, questions, pack);
                foreach (var error in run.Errors)
                {
                    stderr.WriteLine($"wayfinder: {name}: {error}");
                }

                runs.Add(run);
            }
            finally
            {
                (matcher as IDisposable)?.Dispose();
            }
        }

        if (options.DecisionsOut is not null)
        {
            WriteDecisions(options.DecisionsOut, runs);
        }

        if (options.Json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(runs.Select(EvalSummary.From).ToList()));
        }
        else
        {
            WriteHuman(stdout, options, questions.Length, runs);
        }

        return WayfinderCommand.Ok;
    }

    /// <summary>The router of <paramref name="router"/>'s pack with the model fitted in <paramref name="file"/>; null (said on stderr) when the model cannot be read or was fitted for another pack.</summary>
    private static Router? WithModel(Router router, string file, TextWriter stderr)
    {
        if (FitCommand.LoadModel(file, stderr) is not { } model)
        {
            return null;
        }

        if (model.Pack != router.Pack.Id)
        {
            WayfinderCommand.Usage(stderr, $"{file} was fitted for pack '{model.Pack}', not '{router.Pack.Id}'");
            return null;
        }

        return new RouterBuilder().UsePack(router.Pack).UseModel(model).Build();
    }

    private static IQuestionMatcher Matcher(string name, Router router, RoutingPack pack, Options options, TextWriter stderr)
    {
        if (name == "default")
        {
            return Matchers.Default(router);
        }

        if (name == "markdown")
        {
            var library = Wayfinder.Library.PackLibrary.Load([], [options.Sheets!]);
            var own = library.FindPack(pack.Id) ?? throw new InvalidOperationException($"no pack '{pack.Id}' under {options.Sheets}");
            return new RoutingNames(new Wayfinder.Library.MarkdownRouter(own, [.. library.Packs.Where(p => p != own)]), pack);
        }

        var corpus = options.Sheets is null
            ? SheetCorpus.FromPack(pack)
            : SheetCorpus.FromDirectory(options.Sheets, pack, options.Passages ?? DefaultPassages(name));
        if (name == "bm25")
        {
            return Matchers.Bm25(corpus, pack);
        }

#if WAYFINDER_EMBEDDING
        stderr.WriteLine($"wayfinder: embedding {corpus.Passages.Length} passages of {corpus.Origin} (cached in {EmbeddingMatcher.DefaultCacheDirectory})");
        return new EmbeddingMatcher(corpus, pack, EmbeddingMatcher.DefaultCacheDirectory);
#else
        throw new InvalidOperationException("no embedding matcher in this build");
#endif
    }

    /// <summary>
    /// Each baseline at its best: BM25 over whole sheets (section passages are
    /// too short for its length normalisation), embeddings per section (the
    /// model reads only the first 256 tokens of a passage).
    /// </summary>
    private static PassageGranularity DefaultPassages(string matcher) =>
        matcher == "bm25" ? PassageGranularity.Sheet : PassageGranularity.Section;

    private static void WriteDecisions(string directory, List<EvalRun> runs)
    {
        Directory.CreateDirectory(directory);
        foreach (var run in runs)
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"{run.Report.Matcher}.jsonl"), append: false, new UTF8Encoding(false));
            foreach (var decision in run.Decisions.Where(d => d is not null))
            {
                writer.WriteLine(WayfinderJson.Serialize(decision!));
            }
        }
    }

    private static void WriteHuman(TextWriter o, Options options, int count, List<EvalRun> runs)
    {
        o.WriteLine($"gold: {options.Gold} ({count} questions{(options.Split is null ? "" : $", split {options.Split}")})");
        if (options.Sheets is not null)
        {
            var cut = options.Passages is { } p ? $"one passage per {p.ToString().ToLowerInvariant()}" : "bm25 per sheet, embedding per section";
            o.WriteLine($"retrieval corpus: sheets under {options.Sheets} ({cut})");
        }

        o.WriteLine();
        var summaries = runs.Select(EvalSummary.From).ToList();
        const int label = 20;
        const int column = 18;
        o.Write("".PadRight(label));
        foreach (var s in summaries)
        {
            o.Write(s.Matcher.PadLeft(column));
        }

        o.WriteLine();
        Row(o, "accuracy", summaries.Select(s => s.Accuracy));
        Row(o, "clarify-recall", summaries.Select(s => s.ClarifyRecall));
        Row(o, "false-clarify", summaries.Select(s => s.FalseClarify));
        Row(o, "relevant-recall@3", summaries.Select(s => s.RelevantRecallAt3));
        Row(o, "advisory-recall", summaries.Select(s => s.AdvisoryRecall));
        o.Write("ms per question".PadRight(label));
        foreach (var s in summaries)
        {
            o.Write(s.MillisecondsPerQuestion.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(column));
        }

        o.WriteLine();
        var first = summaries[0];
        var baselines = summaries.Skip(1).Where(s => s.Accuracy.Percent is > 0).ToList();
        if (baselines.Count > 0)
        {
            var best = baselines.MaxBy(s => s.Accuracy.Percent)!;
            var ratio = first.Accuracy.Percent!.Value / best.Accuracy.Percent!.Value;
            o.WriteLine();
            o.WriteLine(FormattableString.Invariant($"{first.Matcher} / best of the others ({best.Matcher}) accuracy: {ratio:0.00}x"));
        }

        foreach (var s in summaries)
        {
            o.WriteLine();
            WriteConfusion(o, s);
            if (options.ShowMisses)
            {
                WriteMisses(o, s);
            }
        }
    }

    private static void Row(TextWriter o, string name, IEnumerable<Figure> figures)
    {
        o.Write(name.PadRight(20));
        foreach (var f in figures)
        {
            var text = f.Percent is { } p ? FormattableString.Invariant($"{p:0.0}% ({f.Hit}/{f.Of})") : "n/a";
            o.Write(text.PadLeft(18));
        }

        o.WriteLine();
    }

    private static void WriteConfusion(TextWriter o, EvalSummary s)
    {
        string[] order = ["optimization", "serving", "mlops", "observability", Scorer.HandoffLabel, Scorer.ClarifyLabel, Scorer.NoneLabel];
        var labels = s.Confusion.SelectMany(c => new[] { c.Expected, c.Predicted })
            .Distinct(StringComparer.Ordinal)
            .OrderBy(l => Array.IndexOf(order, l) is var i and >= 0 ? i : order.Length)
            .ThenBy(l => l, StringComparer.Ordinal)
            .ToList();
        o.WriteLine($"confusion by concern ({s.Matcher}): rows expected, columns decided");
        o.Write("".PadRight(16));
        foreach (var l in labels)
        {
            o.Write(Short(l).PadLeft(8));
        }

        o.WriteLine();
        foreach (var row in labels.Where(l => s.Confusion.Any(c => c.Expected == l)))
        {
            o.Write(row.PadRight(16));
            foreach (var col in labels)
            {
                var n = s.Confusion.FirstOrDefault(c => c.Expected == row && c.Predicted == col)?.Count ?? 0;
                o.Write((n == 0 ? "." : n.ToString(CultureInfo.InvariantCulture)).PadLeft(8));
            }

            o.WriteLine();
        }
    }

    private static string Short(string label) => label.Length <= 7 ? label : label[..7];

    private static void WriteMisses(TextWriter o, EvalSummary s)
    {
        o.WriteLine();
        o.WriteLine($"misses ({s.Matcher}): {s.Misses.Length}");
        foreach (var m in s.Misses)
        {
            var query = m.Query.ReplaceLineEndings(" | ");
            o.WriteLine($"- {m.Id} [{m.Clarify}] expected {(m.AcceptFirst.IsEmpty ? "a question" : string.Join(" or ", m.AcceptFirst))}");
            o.WriteLine($"  decided {m.Status ?? "nothing"}: {(m.Destinations.IsEmpty ? "-" : string.Join(", ", m.Destinations))}");
            o.WriteLine($"  query: {(query.Length > 120 ? query[..117] + "..." : query)}");
            foreach (var e in m.Evidence.Take(8))
            {
                o.WriteLine($"    {e}");
            }
        }
    }

    /// <summary>
    /// Gives a Markdown router's destinations the routing pack's names
    /// (<c>yzmir-llm-specialist</c> is <c>llm-specialist</c>), so gold files score them.
    /// </summary>
    private sealed class RoutingNames(IQuestionMatcher inner, RoutingPack pack) : IQuestionMatcher
    {
        private readonly string[] _ids = [pack.Id, .. pack.SisterPacks.Select(s => s.Id)];

        public string Name => "markdown";

        public Decision Match(string question)
        {
            var d = inner.Match(question);
            return d with
            {
                Steps = [.. d.Steps.Select(s => s with { Pack = Rename(s.Pack) })],
                Handoffs = [.. d.Handoffs.Select(h => h with { Pack = Rename(h.Pack) })],
            };
        }

        private string Rename(string folder) => Wayfinder.Library.PackNames.RoutingName(folder, _ids);
    }
}
