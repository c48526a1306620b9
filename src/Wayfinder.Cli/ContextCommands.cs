using System.Globalization;
using Wayfinder.Context;
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

        return PackLoading.Load(skillFolders, marketplaces, stderr);
    }

    public static int Context(Router router, PackLibrary library, string question, IReadOnlyList<string> answers, int budget, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (QuestionGuard.Check(question) is { } problem)
        {
            return WayfinderCommand.Usage(stderr, problem);
        }

        if (budget <= 0)
        {
            return WayfinderCommand.Usage(stderr, $"--budget must be a positive number of tokens, not {budget}");
        }

        var decision = router.Route(question, answers);
        var result = ContextBuilder.Build(question, decision, library, budget, TokenCounter.O200kBase);
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
            HumanOutput.Write(stdout, question, answers, decision);
            return WayfinderCommand.Ok;
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Sections.Length} sections, {result.Tokens} of {result.Budget} tokens ({result.Encoding})"));
        foreach (var section in result.Sections)
        {
            stdout.WriteLine();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<!-- {section.Pack}/{section.Sheet} › {section.HeadingPath} ({section.File}:{section.StartLine}-{section.EndLine}, {section.Tokens} tokens) -->"));
            stdout.WriteLine(section.Text);
        }

        return WayfinderCommand.Ok;
    }

    public static int Open(PackLibrary library, string reference, string? heading, bool json, TextWriter stdout, TextWriter stderr)
    {
        var slash = reference.LastIndexOf('/');
        if (slash <= 0 || slash == reference.Length - 1)
        {
            return WayfinderCommand.Usage(stderr, $"name a sheet as PACK/SHEET, e.g. ml-production/model-serving-patterns (got '{reference}')");
        }

        var sheet = library.FindSheet(reference[..slash], reference[(slash + 1)..]);
        if (sheet is null)
        {
            return WayfinderCommand.Usage(stderr, $"no sheet '{reference}' among the loaded packs");
        }

        var sections = heading is null
            ? sheet.Sections
            : [.. sheet.Sections.Where(s => s.HeadingPath.Equals(heading, StringComparison.OrdinalIgnoreCase)
                || s.HeadingPath.EndsWith(" > " + heading, StringComparison.OrdinalIgnoreCase))];
        if (sections.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"'{reference}' has no section '{heading}'");
        }

        if (json)
        {
            var counter = TokenCounter.O200kBase;
            stdout.WriteLine(WayfinderJson.Serialize(sections
                .Select(s => new ContextSection(sheet.Pack, sheet.Id, s.HeadingPath, sheet.File, s.StartLine, s.EndLine, counter.Count(s.Text), s.Text))
                .ToList()));
            return WayfinderCommand.Ok;
        }

        foreach (var section in sections)
        {
            stdout.WriteLine(section.Text);
            stdout.WriteLine();
        }

        return WayfinderCommand.Ok;
    }
}
