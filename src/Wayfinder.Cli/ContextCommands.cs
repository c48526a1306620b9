using System.Globalization;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder context</c> and <c>wayfinder open</c>: the sheets' own text, for a token budget.</summary>
internal static class ContextCommands
{
    /// <summary>Loads the packs named on the command line; problems go to stderr, the rest still loads.</summary>
    public static PackLibrary? LoadLibrary(IReadOnlyList<string> skillFolders, IReadOnlyList<string> marketplaces, TextWriter stderr)
    {
        if (skillFolders.Count == 0 && marketplaces.Count == 0)
        {
            WayfinderCommand.Usage(stderr, "the sheets' text is read from disk: give --packs DIR (a marketplace such as ../shared/packs) or --pack DIR (a skill folder)");
            return null;
        }

        var library = PackLoading.Load(skillFolders, marketplaces, stderr);
        if (library.Packs.IsEmpty)
        {
            WayfinderCommand.Usage(stderr, $"no pack loaded from {string.Join(", ", skillFolders.Concat(marketplaces))}: the sheets' text is read from packs on disk");
            return null;
        }

        return library;
    }

    /// <summary>Routes, then prints the sections under the budget; <paramref name="again"/> are the options a command answering a question asked repeats.</summary>
    public static int Context(Router router, PackLibrary library, string question, IReadOnlyList<string> answers, int budget, bool json, IReadOnlyList<string> again, TextWriter stdout, TextWriter stderr)
    {
        if ((QuestionGuard.Check(question) ?? QuestionGuard.CheckAnswers(answers)) is { } problem)
        {
            return WayfinderCommand.Usage(stderr, problem);
        }

        var decision = router.Route(question, answers);
        if (decision.UnmatchedAnswer is not null)
        {
            return WayfinderCommand.Usage(stderr, "--answer " + RouteCommand.Unmatched(decision));
        }

        var result = ContextBuilder.Build(question, decision, library, budget, TokenCounter.O200kBase, more => router.Route(question, [.. answers, .. more]));
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

    public static int Open(PackLibrary library, string reference, string? heading, bool json, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (json)
            {
                // Token counts only where they are printed.
                stdout.WriteLine(WayfinderJson.Serialize(Wayfinder.Api.WayfinderService.Open(library, reference, heading)));
                return WayfinderCommand.Ok;
            }

            var (_, sections) = Wayfinder.Api.WayfinderService.Sections(library, reference, heading);
            foreach (var section in sections)
            {
                stdout.WriteLine(Terminal.VisibleText(section.Text));
                stdout.WriteLine();
            }
        }
        catch (Wayfinder.WayfinderError e)
        {
            return WayfinderCommand.Usage(stderr, e.Message);
        }

        return WayfinderCommand.Ok;
    }
}
