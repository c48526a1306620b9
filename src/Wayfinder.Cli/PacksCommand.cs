using System.CommandLine;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder packs</c>: the loaded pack, the packs it hands questions to, and packs on disk.</summary>
internal static class PacksCommand
{
    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr) =>
        PackLoading.Listing(
            "packs",
            "List the loaded pack, the packs it hands questions to, and packs on disk (--packs).",
            "Also list the skill packs of these marketplace folders (e.g. ../shared/packs).",
            (library, json) => Run(builtIn.Value.Pack, library, stdout, json),
            stderr);

    private static int Run(RoutingPack pack, Wayfinder.Library.PackLibrary library, TextWriter o, bool json)
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
}
