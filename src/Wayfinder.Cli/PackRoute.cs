using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder route --pack DIR</c>: routing inside a skill pack on disk.</summary>
internal static class PackRoute
{
    public static int Run(string folder, IReadOnlyList<string> markets, string? question, IReadOnlyList<string> answers, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (QuestionGuard.Check(question) is { } problem)
        {
            return WayfinderCommand.Usage(stderr, problem);
        }

        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            return WayfinderCommand.Usage(stderr, $"--pack wants a skill folder holding SKILL.md: {folder}");
        }

        var library = PackLoading.Load([folder], [], stderr);
        var others = PackLoading.Load([], markets, stderr);

        if (library.Packs.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"the pack in {folder} could not be loaded");
        }

        var pack = library.Packs[0];
        var decision = pack.Manifest is { } manifest
            ? new RouterBuilder().UsePack(manifest).Build().Route(question!, answers)
            : new MarkdownRouter(pack, [.. others.Packs.Where(p => p.Id != pack.Id)]).Route(question!, answers);
        if (json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(decision));
        }
        else
        {
            HumanOutput.Write(stdout, question!, answers, decision);
        }

        return WayfinderCommand.Ok;
    }
}
