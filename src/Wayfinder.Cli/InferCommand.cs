using System.CommandLine;
using Wayfinder.Library;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder infer DIR [--packs DIR]</c>: the routing manifest a skill's
/// SKILL.md implies, printed so a pack's author can read it, keep it beside
/// SKILL.md (where it is then used as written) and refine it.
/// </summary>
internal static class InferCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dir = new Argument<string>("dir") { Description = "A skill folder holding SKILL.md." };
        var packs = PackLoading.PacksOption();
        var command = new Command("infer", "Print the routing manifest a skill's SKILL.md implies (the one route --pack uses when no manifest sits beside it); --packs names the packs it may hand questions to.")
        {
            dir, packs,
        };
        command.SetAction(parsed => Run(parsed.GetValue(dir) ?? "", parsed.GetValue(packs) ?? [], stdout, stderr));
        return command;
    }

    public static int Run(string folder, IReadOnlyList<string> markets, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            return WayfinderCommand.Usage(stderr, $"infer wants a skill folder holding SKILL.md: {folder}");
        }

        var library = PackLoading.Load([folder], [], stderr);
        if (library.Packs.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"the pack in {folder} could not be loaded");
        }

        var pack = library.Packs[0];
        var others = markets.Count == 0 ? [] : PackLoading.Load([], markets, stderr).Packs.Where(p => p.Id != pack.Id).ToList();
        var compiled = MarkdownCompiler.Compile(pack, others);
        stdout.Write(compiled.Yaml);
        foreach (var problem in compiled.Diagnostics)
        {
            stderr.WriteLine(problem);
        }

        if (pack.Manifest is not null)
        {
            stderr.WriteLine($"note: {pack.Id} has a routing manifest beside SKILL.md; routing uses that one, not this inferred one");
        }

        return compiled.Pack is null ? WayfinderCommand.InternalError : WayfinderCommand.Ok;
    }
}
