using System.Text.Json;
using Wayfinder.Packs;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary>What the loaded pack holds, for <c>wayfinder packs</c> and <c>wayfinder sheets</c>.</summary>
internal static class Listings
{
    public static int Packs(RoutingPack pack, Wayfinder.Library.PackLibrary library, TextWriter o, bool json)
    {
        List<PackInfo> infos = [.. Wayfinder.Api.WayfinderService.Packs(pack, library)];
        if (json)
        {
            o.WriteLine(WayfinderJson.Serialize(infos));
            return WayfinderCommand.Ok;
        }

        foreach (var info in infos)
        {
            var count = info.Role is "routing" or "on disk" ? $"{info.Sheets} sheets" : info.Sheets > 0 ? $"{info.Sheets} named sheets" : "any sheet";
            var sheets = info.OnDisk && info.Role != "on disk" ? $"{count}, on disk" : count;
            o.WriteLine($"{info.Id,-30} {info.Role,-9} {sheets,-26} {info.Title}");
        }

        o.WriteLine();
        o.WriteLine($"Tool knowledge calibrated to {pack.Calibrated}.");
        return WayfinderCommand.Ok;
    }

    public static int Sheets(RoutingPack pack, Wayfinder.Library.PackLibrary library, TextWriter o, bool json)
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
