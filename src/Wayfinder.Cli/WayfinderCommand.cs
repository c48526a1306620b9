using System.CommandLine;
using System.CommandLine.Parsing;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>The <c>wayfinder</c> command line: parsing and exit codes; the work is in Core.</summary>
public static class WayfinderCommand
{
    /// <summary>A decision (or listing) was produced.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed inside Wayfinder.</summary>
    public const int InternalError = 1;

    /// <summary>The command line or its input was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>The shortest <c>serve --timeout</c>, in seconds: a millisecond, the timer's unit.</summary>
    private const double MinTimeout = 0.001;

    /// <summary>The longest <c>serve --timeout</c>, in seconds: a day; a request still running then is not coming back.</summary>
    private const double MaxTimeout = 86_400;

    /// <summary>
    /// Runs the command line. <paramref name="stdin"/> is asked for only when
    /// a command reads standard input (setting the console's reader up is a
    /// visible part of a native start).
    /// </summary>
    public static int Run(string[] args, Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Create(stdin, stdout, stderr);
        var parsed = root.Parse(args);
        if (UnknownOption(parsed) is { } unknown)
        {
            var command = parsed.CommandResult.Command;
            var instead = command.Arguments.FirstOrDefault() is { } argument
                ? $"; to give it as the {argument.Name}, put it after --: wayfinder {command.Name} -- {Terminal.ShellWord(unknown)}"
                : "";
            Usage(stderr, $"unknown option '{unknown}'{instead}");
            stderr.WriteLine("Run 'wayfinder --help' for usage.");
            return UsageError;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"wayfinder: {Terminal.Visible(error.Message)}");
            }

            stderr.WriteLine("Run 'wayfinder --help' for usage.");
            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"wayfinder: internal error: {Terminal.Visible(ex.Message)}");
            return InternalError;
        }
    }

    /// <summary>The root command with every command of the line, writing to the writers given.</summary>
    internal static Command Create(Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        var routerSource = new Lazy<Router>(Router.CreateBuiltIn);

        var route = RouteCommand.Create(routerSource, stdin, stdout, stderr);

        var listJson = new Option<bool>("--json") { Description = "Print as JSON." };
        var listPacks = new Option<string[]>("--packs")
        {
            Description = "Also list the skill packs of these marketplace folders (e.g. ../shared/packs).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var packs = new Command("packs", "List the loaded pack, the packs it hands questions to, and packs on disk (--packs).") { listJson, listPacks };
        packs.SetAction(parsed =>
        {
            var library = PackLoading.Load([], parsed.GetValue(listPacks) ?? [], stderr);
            return Listings.Packs(routerSource.Value.Pack, library, stdout, parsed.GetValue(listJson));
        });

        var sheetsJson = new Option<bool>("--json") { Description = "Print as JSON." };
        var sheetsPacks = new Option<string[]>("--packs")
        {
            Description = "Also list the sheets of the skill packs in these marketplace folders, with their titles and files.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var sheets = new Command("sheets", "List the sheets of the loaded pack, by concern, and of packs on disk (--packs).") { sheetsJson, sheetsPacks };
        sheets.SetAction(parsed =>
        {
            var library = PackLoading.Load([], parsed.GetValue(sheetsPacks) ?? [], stderr);
            return Listings.Sheets(routerSource.Value.Pack, library, stdout, parsed.GetValue(sheetsJson));
        });

        var gold = new Argument<string>("gold") { Description = "A gold file in JSON Lines: {\"id\", \"query\", \"accept_first\", \"relevant\", \"clarify\", \"advisories\"}." };
        var matchers = new Option<string[]>("--matcher", "-m")
        {
            Description = "A matcher to evaluate (repeat to compare side by side): default, bm25, embedding. The first is compared with the best of the others.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var sheetsDir = new Option<string?>("--sheets", "--packs") { Description = "A packs directory (<pack>/skills/<skill>/*.md) whose sheets bm25 and embedding search; without it they search the built-in pack's own descriptions." };
        var passages = new Option<Retrieval.PassageGranularity?>("--passages")
        {
            Description = "How bm25 and embedding cut sheets on disk: section or sheet (default: bm25 per sheet, embedding per section, each method's best).",
        }.OneOf();
        var split = new Option<string?>("--split") { Description = "Only the gold questions of this split." };
        var showMisses = new Option<bool>("--show-misses") { Description = "List every miss with what was decided and the evidence." };
        var evalJson = new Option<bool>("--json") { Description = "Print the figures, confusion tables and misses as JSON." };
        var decisionsOut = new Option<string?>("--decisions-out") { Description = "Write each matcher's decisions to DIR/<matcher>.jsonl (for score.py)." };
        var evalModel = new Option<string?>("--model") { Description = "Route with this fitted model (a file written by fit) instead of the pack's own: to try a fit before installing it." };
        var evalMarket = new Option<string?>("--market") { Description = "Score routing over the packs of this marketplace instead (inside each question's pack, and across all of them), against BM25 over their sheets and over their sections." };
        var evalContext = new Option<bool>("--context") { Description = "Score context instead, against section labels (JSON Lines with sections as pack/sheet#Heading > Path): right sheet and right section within the budget, first section from a right sheet, tokens used; BM25 over every section in the same run. Needs --sheets." };
        var evalBudget = new Option<int>("--budget")
        {
            Description = $"With --context: the token budget (o200k_base), from 1 to {Wayfinder.Api.WayfinderService.MaxBudget}.",
            DefaultValueFactory = _ => ContextEvalCommand.DefaultBudget,
        }.WholeNumber(1, Wayfinder.Api.WayfinderService.MaxBudget);
        var eval = new Command("eval", "Score matchers against a gold file: accuracy, clarify recall, false-clarify rate, relevant-recall@3, advisory recall, a confusion table by concern.")
        {
            gold, matchers, sheetsDir, passages, split, showMisses, evalJson, decisionsOut, evalModel, evalMarket, evalContext, evalBudget,
        };
        eval.SetAction(parsed =>
        {
            var router = routerSource.Value;
            if (parsed.GetValue(evalContext))
            {
                return ContextEvalCommand.Run(router, parsed.GetValue(gold)!, parsed.GetValue(sheetsDir), parsed.GetValue(split), parsed.GetValue(evalBudget), parsed.GetValue(evalJson), stdout, stderr);
            }

            if (parsed.GetValue(evalMarket) is { } market)
            {
                return MarketEvalCommand.Run(router, parsed.GetValue(gold)!, market, parsed.GetValue(split), parsed.GetValue(showMisses), parsed.GetValue(evalModel), stdout, stderr);
            }

            if (parsed.GetValue(evalModel) is { } file)
            {
                if (FitCommand.LoadModel(file, stderr) is not { } model)
                {
                    return UsageError;
                }

                if (model.Pack != router.Pack.Id)
                {
                    return Usage(stderr, $"{file} was fitted for pack '{model.Pack}', not '{router.Pack.Id}'");
                }

                router = new RouterBuilder().UsePack(router.Pack).UseModel(model).Build();
            }

            return EvalCommand.Run(
                router,
                new EvalCommand.Options(
                    parsed.GetValue(gold)!,
                    parsed.GetValue(matchers) ?? [],
                    parsed.GetValue(sheetsDir),
                    parsed.GetValue(passages),
                    parsed.GetValue(split),
                    parsed.GetValue(showMisses),
                    parsed.GetValue(evalJson),
                    parsed.GetValue(decisionsOut)),
                stdout,
                stderr);
        });

        var fitGold = new Argument<string>("gold") { Description = "Labelled questions in the gold format of eval (JSON Lines with accept_first and, to split them, split)." };
        var fitSplit = new Option<string?>("--split") { Description = "Fit the weights on this split's questions (default: train; 'all' for every question).", DefaultValueFactory = _ => "train" };
        var fitTune = new Option<string?>("--tune") { Description = "Set the ask margin on this split's questions (default: dev; 'all' for every question).", DefaultValueFactory = _ => "dev" };
        var fitPack = new Option<string?>("--pack") { Description = "Fit the pack in this skill folder (its *.pack.yaml, else what its SKILL.md implies) instead of the built-in pack." };
        var fitOut = new Option<string?>("--output", "-o") { Description = "Write the model to this file (a pack reads *.model.json beside its SKILL.md); without it, to standard output." };
        var fitKeep = new Option<string[]>("--keep")
        {
            Description = "Gold files of questions the fit must not make wrong (the pack's own cases): the settings keep every one the rules and facets get right (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var fitAlso = new Option<string[]>("--also")
        {
            Description = "Gold files whose every question is also fitted on, whatever its split (the pack's own cases; repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var fitMarket = new Option<string?>("--market") { Description = "Fit the market weights (which pack, then which sheet, over any pack) on the packs of this marketplace instead: the gold file and every --also file give questions, split as for a pack." };
        var fit = new Command("fit", "Fit a pack's routing model from labelled questions: feature weights and priors on one split, the ask margin on another. Deterministic; prints the margin's trade-off curve on stderr.")
        {
            fitGold, fitSplit, fitTune, fitPack, fitOut, fitKeep, fitAlso, fitMarket,
        };
        fit.SetAction(parsed =>
        {
            if (parsed.GetValue(fitMarket) is { } market)
            {
                string? MarketSplit(string? value) => value is "all" ? null : value;
                return MarketFitCommand.Run(routerSource.Value, market, [parsed.GetValue(fitGold)!, .. parsed.GetValue(fitAlso) ?? []], MarketSplit(parsed.GetValue(fitSplit)), MarketSplit(parsed.GetValue(fitTune)), parsed.GetValue(fitOut), stdout, stderr);
            }

            var folder = parsed.GetValue(fitPack);
            var pack = folder is null ? Packs.BuiltInPack.Value : FitCommand.LoadPack(folder, stderr);
            if (pack is null)
            {
                return UsageError;
            }

            string? Split(string? value) => value is "all" ? null : value;
            return FitCommand.Run(
                pack,
                new FitCommand.Options(parsed.GetValue(fitGold)!, Split(parsed.GetValue(fitSplit)), Split(parsed.GetValue(fitTune)), parsed.GetValue(fitOut), parsed.GetValue(fitKeep) ?? [], parsed.GetValue(fitAlso) ?? []),
                stdout,
                stderr);
        });

        Option<string[]> PackOption() => new("--pack")
        {
            Description = "A skill folder (holding SKILL.md) whose sheets are read from disk (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        Option<string[]> PacksOption() => new("--packs")
        {
            Description = "A marketplace folder: every */skills/*/SKILL.md below it, e.g. ../shared/packs (repeatable).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        var contextQuestion = new Argument<string>("question") { Description = "The question, in quotes." };
        var contextAnswers = new Option<string[]>("--answer", "-a") { Description = "Answers to questions asked before, in order.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var budget = new Option<int>("--budget")
        {
            Description = $"Token budget (o200k_base), from 1 to {Wayfinder.Api.WayfinderService.MaxBudget}.",
            DefaultValueFactory = _ => Wayfinder.Context.ContextBuilder.DefaultBudget,
        }.WholeNumber(1, Wayfinder.Api.WayfinderService.MaxBudget);
        var contextJson = new Option<bool>("--json") { Description = "Print the sections as JSON: pack, sheet, heading path, file, lines, tokens, text." };
        var contextPack = PackOption();
        var contextPacks = PacksOption();
        var context = new Command("context", "Route a question, then give the sections of the routed sheets that best answer it, in route order, under a token budget.")
        {
            contextQuestion, contextAnswers, budget, contextJson, contextPack, contextPacks,
        };
        context.SetAction(parsed =>
        {
            var skillFolders = parsed.GetValue(contextPack) ?? [];
            var marketplaces = parsed.GetValue(contextPacks) ?? [];
            var library = ContextCommands.LoadLibrary(skillFolders, marketplaces, stderr);
            var tokens = parsed.GetValue(budget);
            List<string> again =
            [
                .. skillFolders.SelectMany(d => new[] { "--pack", d }),
                .. marketplaces.SelectMany(d => new[] { "--packs", d }),
                .. tokens == Wayfinder.Context.ContextBuilder.DefaultBudget ? [] : new[] { "--budget", tokens.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ];
            return library is null
                ? UsageError
                : ContextCommands.Context(routerSource.Value, library, parsed.GetValue(contextQuestion) ?? "", parsed.GetValue(contextAnswers) ?? [],
                    tokens, parsed.GetValue(contextJson), again, stdout, stderr);
        });

        var sheetReference = new Argument<string>("sheet") { Description = "PACK/SHEET, e.g. ml-production/model-serving-patterns." };
        var sectionOption = new Option<string?>("--section") { Description = "Only this section (its heading, or its heading path joined by ' > ')." };
        var openJson = new Option<bool>("--json") { Description = "Print the sections as JSON." };
        var openPack = PackOption();
        var openPacks = PacksOption();
        var open = new Command("open", "Print a sheet, or one of its sections, from the packs on disk.") { sheetReference, sectionOption, openJson, openPack, openPacks };
        open.SetAction(parsed =>
        {
            var library = ContextCommands.LoadLibrary(parsed.GetValue(openPack) ?? [], parsed.GetValue(openPacks) ?? [], stderr);
            return library is null
                ? UsageError
                : ContextCommands.Open(library, parsed.GetValue(sheetReference) ?? "", parsed.GetValue(sectionOption), parsed.GetValue(openJson), stdout, stderr);
        });

        // With marketplaces, a host loads their packs once and routes across them from memory.
        Wayfinder.Marketplace.MarketRouter? Market(Wayfinder.Library.PackLibrary library, string[]? marketplaces) =>
            marketplaces is { Length: > 0 } && !library.Packs.IsEmpty ? new Wayfinder.Marketplace.MarketRouter(library.Packs, routerSource.Value) : null;

        var lint = LintCommand.Create(stdout, stderr);

        var reportDirs = new Argument<string[]>("dir") { Description = "A skill folder (holding SKILL.md) or a marketplace (*/skills/*/SKILL.md below it).", Arity = ArgumentArity.OneOrMore };
        var reportOut = new Option<string?>("--output", "-o") { Description = "Write the report to this file; without it, to standard output." };
        var report = new Command("report", "Write one self-contained HTML file of skill packs: each router drawn (concerns, sheets, questions, hand-offs, sheets no router reaches), the lint findings by pack, the overlap warnings and the routing cases.")
        {
            reportDirs, reportOut,
        };
        report.SetAction(parsed => ReportCommand.Run(parsed.GetValue(reportDirs) ?? [], parsed.GetValue(reportOut), stdout, stderr));

        var test = TestCommand.Create(routerSource, stdout, stderr);

        var inferDir = new Argument<string>("dir") { Description = "A skill folder holding SKILL.md." };
        var inferPacks = PacksOption();
        var infer = new Command("infer", "Print the routing manifest a skill's SKILL.md implies (the one route --pack uses when no manifest sits beside it); --packs names the packs it may hand questions to.")
        {
            inferDir, inferPacks,
        };
        infer.SetAction(parsed => InferCommand.Run(parsed.GetValue(inferDir) ?? "", parsed.GetValue(inferPacks) ?? [], stdout, stderr));

        var mcpPack = PackOption();
        var mcpPacks = PacksOption();
        var mcp = new Command("mcp", "Serve MCP over standard input and output for an agent: the tools route, context, open_sheet and list_packs, and each loaded sheet as a resource wayfinder://PACK/SHEET. Logs go to stderr.")
        {
            mcpPack, mcpPacks,
        };
        mcp.SetAction(parsed =>
        {
            // Packs on disk are optional: routing needs none; context, open_sheet and resources read them.
            var library = PackLoading.Load(parsed.GetValue(mcpPack) ?? [], parsed.GetValue(mcpPacks) ?? [], stderr);
            return McpCommand.Run(new Wayfinder.Api.WayfinderService(routerSource.Value, library, Market(library, parsed.GetValue(mcpPacks))), stderr);
        });

        // The service's defaults are its options' own: stated once, in WayfinderHttpOptions.
        var serveDefaults = new Wayfinder.Http.WayfinderHttpOptions();
        var serveUrls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [.. serveDefaults.Urls],
        };
        var serveRate = new Option<int>("--rate-limit")
        {
            Description = "Requests per second one client may make before it gets 429.",
            DefaultValueFactory = _ => serveDefaults.RequestsPerSecondPerClient,
        }.WholeNumber(1, int.MaxValue);
        var serveTimeout = new Option<double>("--timeout")
        {
            Description = $"Seconds a request may take before it gets 504, from {MinTimeout} to {MaxTimeout}.",
            DefaultValueFactory = _ => serveDefaults.RequestTimeout.TotalSeconds,
        }.Seconds(MinTimeout, MaxTimeout);
        var servePack = PackOption();
        var servePacks = PacksOption();
        var serve = new Command("serve", "Serve the HTTP API: POST /v1/route and /v1/context, GET /v1/packs and /v1/packs/{pack}/sheets/{sheet}, /healthz, /openapi/v1.json, MCP at /mcp and Prometheus metrics at /metrics. Stops gracefully on Ctrl+C or SIGTERM.")
        {
            serveUrls, serveRate, serveTimeout, servePack, servePacks,
        };
        serve.SetAction(parsed =>
        {
            var rate = parsed.GetValue(serveRate);
            var timeout = parsed.GetValue(serveTimeout);
            var library = PackLoading.Load(parsed.GetValue(servePack) ?? [], parsed.GetValue(servePacks) ?? [], stderr);
            return ServeCommand.Run(
                new Wayfinder.Api.WayfinderService(routerSource.Value, library, Market(library, parsed.GetValue(servePacks))),
                new Wayfinder.Http.WayfinderHttpOptions
                {
                    Urls = parsed.GetValue(serveUrls) ?? [],
                    RequestsPerSecondPerClient = rate,
                    RequestTimeout = TimeSpan.FromSeconds(timeout),
                },
                stderr);
        });

        return CliRoot.Create(
            "Wayfinder routes questions about ML in production to the reference sheets that answer them.",
            route, packs, sheets, eval, fit, context, open, lint, test, report, infer, mcp, serve);
    }

    /// <summary>
    /// A word before <c>--</c> that looks like an option but is none of the
    /// command's, which the parser would otherwise have taken as the question
    /// (or a folder, a gold file) or left over.
    /// </summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var arguments = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToList();
        foreach (var token in parsed.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash))
        {
            if (token is { Type: TokenType.Argument, Value: ['-', _, ..] }
                && (arguments.Exists(a => ReferenceEquals(a, token)) || parsed.UnmatchedTokens.Contains(token.Value)))
            {
                return token.Value;
            }
        }

        return null;
    }

    internal static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"wayfinder: {Terminal.Visible(message)}");
        return UsageError;
    }
}
