using System.CommandLine;
using System.Globalization;
using Wayfinder.Api;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder context</c>: routes a question, then gives the sheets' own text that answers it, for a token budget.</summary>
internal static class ContextCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
    {
        var question = new Argument<string>("question") { Description = "The question, in quotes." };
        var answers = new Option<string[]>("--answer", "-a") { Description = "Answers to questions asked before, in order.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var budget = new Option<int>("--budget")
        {
            Description = $"Token budget (o200k_base), from 1 to {WayfinderService.MaxBudget}.",
            DefaultValueFactory = _ => ContextBuilder.DefaultBudget,
        }.Budget();
        var json = new Option<bool>("--json") { Description = "Print the sections as JSON: pack, sheet, heading path, file, lines, tokens, text." };
        var pack = PackLoading.PackOption();
        var packs = PackLoading.PacksOption();
        var command = new Command("context", "Route a question, then give the sections of the routed sheets that best answer it, in route order, under a token budget.")
        {
            question, answers, budget, json, pack, packs,
        };
        command.SetAction(parsed =>
        {
            var skillFolders = parsed.GetValue(pack) ?? [];
            var marketplaces = parsed.GetValue(packs) ?? [];
            var library = PackLoading.LoadSheets(skillFolders, marketplaces, stderr);
            var tokens = parsed.GetValue(budget);
            List<string> again =
            [
                .. skillFolders.SelectMany(d => new[] { "--pack", d }),
                .. marketplaces.SelectMany(d => new[] { "--packs", d }),
                .. tokens == ContextBuilder.DefaultBudget ? [] : new[] { "--budget", tokens.ToString(CultureInfo.InvariantCulture) },
            ];
            // Routed as route, mcp and serve route: across the marketplaces' packs when any is given.
            return library is null
                ? WayfinderCommand.UsageError
                : Run(PackLoading.Service(builtIn, library, marketplaces), parsed.GetValue(question) ?? "", parsed.GetValue(answers) ?? [], tokens, parsed.GetValue(json), again, stdout, stderr);
        });
        return command;
    }

    /// <summary>Routes, then prints the sections under the budget; <paramref name="again"/> are the options a command answering a question asked repeats.</summary>
    private static int Run(WayfinderService service, string question, IReadOnlyList<string> answers, int budget, bool json, IReadOnlyList<string> again, TextWriter stdout, TextWriter stderr)
    {
        var result = service.Context(question, answers, budget);
        var decision = result.Decision;
        if (decision.UnmatchedAnswer is not null)
        {
            return WayfinderCommand.Usage(stderr, "--answer " + RouteCommand.Unmatched(decision));
        }

        foreach (var missing in result.Missing)
        {
            stderr.WriteLine($"wayfinder: {missing} is on the route but not among the loaded packs");
        }

        if (json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(result));
            return WayfinderCommand.Ok;
        }

        if (decision.Status == DecisionStatus.Clarify)
        {
            HumanOutput.Write(stdout, question, answers, decision, "context", again);
            if (result.Sections.IsEmpty)
            {
                return WayfinderCommand.Ok;
            }

            stdout.WriteLine();
            stdout.WriteLine("Meanwhile, the sections of the likeliest answers:");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Sections.Length} sections, {result.Tokens} of {result.Budget} tokens ({result.Encoding})"));
        foreach (var section in result.Sections)
        {
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<!-- {Terminal.Visible(section.Pack)}/{Terminal.Visible(section.Sheet)} › {Terminal.Visible(section.HeadingPath)} ({Terminal.Visible(section.File)}:{section.StartLine}-{section.EndLine}, {section.Tokens} tokens){(section.Branch is { } branch ? $", if the answer is {Terminal.Visible(branch)}" : "")} -->"));
            stdout.WriteLine(Terminal.VisibleText(section.Text));
        }

        return WayfinderCommand.Ok;
    }
}
