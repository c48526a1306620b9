using Wayfinder.Api;
using Wayfinder.Marketplace;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder route --pack DIR</c>: routing inside a skill pack on disk.</summary>
internal static class PackRoute
{
    /// <summary>
    /// The service routing inside the skill pack in <paramref name="folder"/>,
    /// handing off to the packs of <paramref name="markets"/> (loaded beside
    /// it, so that its words are read against theirs); null (the problem said
    /// on stderr) when the folder holds no pack that loads. The built-in
    /// router is not built for it.
    /// </summary>
    public static WayfinderService? Load(string folder, IReadOnlyList<string> markets, Lazy<Router> builtIn, TextWriter stderr)
    {
        if (!File.Exists(Path.Combine(folder, "SKILL.md")))
        {
            WayfinderCommand.Usage(stderr, $"--pack wants a skill folder holding SKILL.md: {folder}");
            return null;
        }

        var library = PackLoading.Load([folder], [], stderr);
        var others = PackLoading.Load([], markets, stderr);
        if (library.Packs.IsEmpty)
        {
            WayfinderCommand.Usage(stderr, $"the pack in {folder} could not be loaded");
            return null;
        }

        var pack = library.Packs[0];
        if (pack.Manifest is { } manifest)
        {
            return new WayfinderService(new RouterBuilder().UsePack(manifest).UseModel(pack.Model).Build(), library);
        }

        // Inside the pack, by what its Markdown says: the market's sheet weights, fitted across many packs.
        var market = new MarketRouter([pack, .. others.Packs.Where(p => p.Id != pack.Id)]);
        return new WayfinderService(builtIn, library, market, within: pack.Id);
    }
}
