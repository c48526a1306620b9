using System.CommandLine;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder sheets</c>: the sheets of the loaded pack, by concern, and of packs on disk.</summary>
internal static class SheetsCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr) =>
        PackLoading.Listing(
            "sheets",
            "List the sheets of the loaded pack, by concern, and of packs on disk (--packs).",
            "Also list the sheets of the skill packs in these marketplace folders, with their titles and files.",
            (library, json) => Run(builtIn.Value.Pack, library, stdout, json),
            stderr);

    private static int Run(RoutingPack pack, Wayfinder.Library.PackLibrary library, TextWriter o, bool json)
    {
        var infos = pack.Sheets.Select(s => new SheetInfo(pack.Id, s.Id, s.ConcernId, s.Summary)).ToList();
        var onDisk = library.Packs.SelectMany(p => p.Sheets.Select(s => new SheetInfo(p.Id, s.Id, "", $"{s.Title} ({s.File})"))).ToList();
        if (json)
        {
            o.WriteLine(WayfinderJson.Serialize([.. infos, .. onDisk]));
            return WayfinderCommand.Ok;
        }

        foreach (var group in onDisk.GroupBy(s => s.Pack))
        {
            o.WriteLine($"{group.Key} (on disk)");
            foreach (var sheet in group)
            {
                o.WriteLine($"  {sheet.Sheet,-36} {sheet.Summary}");
            }
        }

        foreach (var concern in pack.Concerns)
        {
            o.WriteLine($"{concern.Title} ({concern.Id})");
            foreach (var sheet in infos.Where(s => s.Concern == concern.Id))
            {
                o.WriteLine($"  {sheet.Sheet,-36} {sheet.Summary}");
            }
        }

        return WayfinderCommand.Ok;
    }
}
