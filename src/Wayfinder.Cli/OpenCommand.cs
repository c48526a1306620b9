using System.CommandLine;
using Wayfinder.Api;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder open</c>: a sheet, or one of its sections, from the packs on disk.</summary>
internal static class OpenCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
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
                : Run(new WayfinderService(builtIn, library, market: null, within: null), parsed.GetValue(sheet) ?? "", parsed.GetValue(section), parsed.GetValue(json), stdout);
        });
        return command;
    }

    private static int Run(WayfinderService service, string reference, string? heading, bool json, TextWriter stdout)
    {
        if (json)
        {
            // Token counts only where they are printed.
            stdout.WriteLine(WayfinderJson.Serialize(service.Open(reference, heading)));
            return WayfinderCommand.Ok;
        }

        var (_, sections) = service.Sections(reference, heading);
        foreach (var section in sections)
        {
            stdout.WriteLine(Terminal.VisibleText(section.Text));
            stdout.WriteLine();
        }

        return WayfinderCommand.Ok;
    }
}
