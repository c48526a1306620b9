using System.CommandLine;
using Wayfinder.Library;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder open</c>: a sheet, or one of its sections, from the packs on disk.</summary>
internal static class OpenCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var sheet = new Argument<string>("sheet") { Description = "PACK/SHEET, e.g. ml-production/model-serving-patterns." };
        var section = new Option<string?>("--section") { Description = "Only this section (its heading, or its heading path joined by ' > ')." };
        var json = new Option<bool>("--json") { Description = "Print the sections as JSON." };
        var pack = PackLoading.PackOption();
        var packs = PackLoading.PacksOption();
        var command = new Command("open", "Print a sheet, or one of its sections, from the packs on disk.") { sheet, section, json, pack, packs };
        command.SetAction(parsed =>
        {
            var library = PackLoading.LoadSheets(parsed.GetValue(pack) ?? [], parsed.GetValue(packs) ?? [], stderr);
            return library is null
                ? WayfinderCommand.UsageError
                : Run(library, parsed.GetValue(sheet) ?? "", parsed.GetValue(section), parsed.GetValue(json), stdout, stderr);
        });
        return command;
    }

    private static int Run(PackLibrary library, string reference, string? heading, bool json, TextWriter stdout, TextWriter stderr)
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
