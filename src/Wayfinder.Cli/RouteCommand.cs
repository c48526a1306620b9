using System.CommandLine;
using Wayfinder.Api;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder route</c>: one question or a batch of them, on the built-in
/// pack or inside a skill pack on disk (<c>--pack</c>). Every option applies
/// in both modes or is refused; none is silently dropped.
/// </summary>
internal static class RouteCommand
{
    public static Command Create(Lazy<Router> builtIn, Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        var question = new Argument<string?>("question") { Description = "The question to route, in quotes (after -- when it starts with '-').", Arity = ArgumentArity.ZeroOrOne };
        var answers = new Option<string[]>("--answer", "-a")
        {
            Description = "An answer to the question asked before (repeat for each answer, in order): the answer id, its number, or words.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the decision as JSON (the contract in docs/decision.md); --batch always does." };
        var batch = new Option<string?>("--batch") { Description = "Route every line of a JSON Lines file ('-' for standard input): {\"id\": \"...\", \"query\": \"...\", \"answers\": [...]}." };
        var pack = new Option<string?>("--pack")
        {
            Description = "Route within this skill folder (holding SKILL.md) instead of the built-in pack: by its routing manifest (*.pack.yaml beside SKILL.md) when it has one, else by what its SKILL.md says about each sheet.",
        };
        var packs = new Option<string[]>("--packs")
        {
            Description = "Marketplace folders (e.g. ../shared/packs): each destination is found on disk and its file named in the evidence; with --pack, the packs it may hand questions to.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var route = new Command("route", "Route a question to the sheets to read, in order, with the reasons.") { question, answers, json, batch, pack, packs };
        route.SetAction(parsed => Run(
            new Settings(parsed.GetValue(question), parsed.GetValue(answers) ?? [], parsed.GetValue(json), parsed.GetValue(batch), parsed.GetValue(pack), parsed.GetValue(packs) ?? []),
            builtIn,
            stdin,
            stdout,
            stderr));
        return route;
    }

    private sealed record Settings(string? Question, IReadOnlyList<string> Answers, bool Json, string? Batch, string? Pack, IReadOnlyList<string> Packs);

    private static int Run(Settings settings, Lazy<Router> builtIn, Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Batch is { } file)
        {
            if (settings.Question is not null)
            {
                return WayfinderCommand.Usage(stderr, "give either a question or --batch, not both");
            }

            // Answers are replies, in order, to the questions one route asks; the lines of a batch
            // ask different questions or none, so one list cannot mean the same thing on every line.
            if (settings.Answers.Count > 0)
            {
                return WayfinderCommand.Usage(stderr, "--answer cannot be used with --batch: give each line its own \"answers\"");
            }
        }
        else
        {
            // A question the service would refuse is refused before any pack loads, which can take seconds.
            WayfinderService.Check(settings.Question, settings.Answers);
        }

        var service = settings.Pack is { } folder ? PackRoute.Load(folder, settings.Packs, builtIn, stderr) : BuiltIn(builtIn, settings.Packs, stderr);
        if (service is null)
        {
            return WayfinderCommand.UsageError;
        }

        if (settings.Batch is not null)
        {
            return BatchRunner.Run(service, settings.Batch, stdin, stdout, stderr);
        }

        var decision = service.Route(settings.Question, settings.Answers);
        if (decision.UnmatchedAnswer is not null)
        {
            // Asking again would print a hint that repeats the bad answer, and following it would loop.
            return WayfinderCommand.Usage(stderr, "--answer " + Unmatched(decision));
        }

        if (settings.Json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(decision));
        }
        else
        {
            List<string> again = [.. settings.Pack is null ? [] : new[] { "--pack", settings.Pack }, .. settings.Packs.SelectMany(m => new[] { "--packs", m })];
            HumanOutput.Write(stdout, settings.Question!, settings.Answers, decision, "route", again);
        }

        return WayfinderCommand.Ok;
    }

    /// <summary>What is wrong with the answer a decision could not use: "'x' matches none of the options of "…": a, b".</summary>
    internal static string Unmatched(Decision decision) =>
        $"'{decision.UnmatchedAnswer}' matches none of the options of \"{decision.Question?.Text}\": {string.Join(", ", decision.Question?.Options.Select(o => o.Answer) ?? [])}";

    /// <summary>
    /// The built-in pack alone; with marketplaces, every pack in them, routed
    /// across (the built-in pack standing in for its Markdown twin), each
    /// destination's file named in the evidence. The market's packs are read
    /// through its cache, none loaded whole for routing; when none opens, the
    /// built-in pack routes alone.
    /// </summary>
    private static WayfinderService BuiltIn(Lazy<Router> builtIn, IReadOnlyList<string> marketplaces, TextWriter stderr)
    {
        var market = marketplaces.Count == 0 ? null : PackLoading.OpenMarket(marketplaces, builtIn.Value, stderr);
        return new WayfinderService(builtIn, PackLibrary.Empty, market, within: null);
    }
}
