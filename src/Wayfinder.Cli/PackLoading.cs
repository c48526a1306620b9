using Wayfinder.Library;

namespace Wayfinder.Cli;

/// <summary>Loads the packs named on the command line; every problem goes to stderr and the rest still loads.</summary>
internal static class PackLoading
{
    /// <summary>Where a marketplace's packs are, below it.</summary>
    public const string MarketplaceLayout = "PACK/skills/SKILL/SKILL.md";

    /// <summary>
    /// Loads the packs; every load problem, and every marketplace from which no
    /// pack loaded, is said on stderr.
    /// </summary>
    public static PackLibrary Load(IReadOnlyList<string> skillFolders, IReadOnlyList<string> marketplaces, TextWriter stderr)
    {
        var library = PackLibrary.Load(skillFolders, marketplaces, new Progress(stderr));
        foreach (var diagnostic in library.Diagnostics)
        {
            stderr.WriteLine($"wayfinder: {Terminal.Visible(diagnostic.ToString())}");
        }

        foreach (var market in marketplaces.Where(m => Directory.Exists(m) && PackLibrary.Under(m) is var under && !library.Packs.Any(p => under(p.SkillFile))))
        {
            var hint = File.Exists(Path.Combine(market, "SKILL.md")) ? "; it is a skill folder: give it with --pack" : "";
            stderr.WriteLine($"wayfinder: {Terminal.Visible($"no pack loaded from {market}: a marketplace holds {MarketplaceLayout} below it{hint}")}");
        }

        return library;
    }

    /// <summary>
    /// The router across every pack of <paramref name="marketplaces"/>, through
    /// the cache (<c>$WAYFINDER_CACHE</c>, else the user's cache folder; the
    /// variable set to <c>off</c> keeps nothing); every load problem is said on
    /// stderr. Null, also said, when no pack loads.
    /// </summary>
    public static Wayfinder.Marketplace.MarketRouter? OpenMarket(IReadOnlyList<string> marketplaces, Wayfinder.Routing.Router builtIn, TextWriter stderr)
    {
        var cache = Environment.GetEnvironmentVariable(Wayfinder.Marketplace.MarketCache.Variable) == "off" ? null : Wayfinder.Marketplace.MarketCache.Default();
        var market = Wayfinder.Marketplace.MarketRouter.Open(marketplaces, builtIn, cache, out var diagnostics, new Progress(stderr));
        foreach (var diagnostic in diagnostics)
        {
            stderr.WriteLine($"wayfinder: {Terminal.Visible(diagnostic.ToString())}");
        }

        if (market is null)
        {
            stderr.WriteLine($"wayfinder: {Terminal.Visible($"no pack loaded from {string.Join(", ", marketplaces)}: a marketplace holds {MarketplaceLayout} below it (or lists its plugins in .claude-plugin/marketplace.json)")}");
        }

        return market;
    }

    /// <summary>The folders of <paramref name="dirs"/> that gave neither a pack nor a load problem: nothing there looks like a pack.</summary>
    public static List<string> WithoutPacks(PackLibrary library, IEnumerable<string> dirs) =>
        [.. dirs.Where(d => PackLibrary.Under(d) is var under && !library.Packs.Any(p => under(p.SkillFile)) && !library.Diagnostics.Any(x => under(x.File)))];

    /// <summary>Load progress, on stderr, only for loads that take over a second.</summary>
    private sealed class Progress(TextWriter stderr) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.Length > 0)
            {
                stderr.WriteLine($"wayfinder: {value}");
            }
        }
    }
}
