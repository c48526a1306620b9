using System.CommandLine;
using Wayfinder.Api;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>Loads the packs named on the command line; every problem goes to stderr and the rest still loads.</summary>
internal static class PackLoading
{
    /// <summary>Where a marketplace's packs are, below it.</summary>
    public const string MarketplaceLayout = "PACK/skills/SKILL/SKILL.md";

    /// <summary><c>--pack</c>: skill folders whose sheets are read from disk.</summary>
    public static Option<string[]> PackOption() => new("--pack")
    {
        Description = "A skill folder (holding SKILL.md) whose sheets are read from disk (repeatable).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--packs</c>: marketplace folders, every pack below them.</summary>
    public static Option<string[]> PacksOption() => new("--packs")
    {
        Description = "A marketplace folder: every */skills/*/SKILL.md below it, e.g. ../shared/packs (repeatable).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

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
    /// Loads the packs whose sheets' text a command reads; null (said on
    /// stderr) when none is named or none loads.
    /// </summary>
    public static PackLibrary? LoadSheets(IReadOnlyList<string> skillFolders, IReadOnlyList<string> marketplaces, TextWriter stderr)
    {
        if (skillFolders.Count == 0 && marketplaces.Count == 0)
        {
            WayfinderCommand.Usage(stderr, "the sheets' text is read from disk: give --packs DIR (a marketplace such as ../shared/packs) or --pack DIR (a skill folder)");
            return null;
        }

        var library = Load(skillFolders, marketplaces, stderr);
        if (library.Packs.IsEmpty)
        {
            WayfinderCommand.Usage(stderr, $"no pack loaded from {string.Join(", ", skillFolders.Concat(marketplaces))}: the sheets' text is read from packs on disk");
            return null;
        }

        return library;
    }

    /// <summary>
    /// The router across every pack of <paramref name="marketplaces"/>, through
    /// the cache (<c>$WAYFINDER_CACHE</c>, else the user's cache folder; the
    /// variable set to <c>off</c> keeps nothing); every load problem is said on
    /// stderr. Null, also said, when no pack loads.
    /// </summary>
    public static MarketRouter? OpenMarket(IReadOnlyList<string> marketplaces, Router builtIn, TextWriter stderr)
    {
        var cache = Environment.GetEnvironmentVariable(MarketCache.Variable) == "off" ? null : MarketCache.Default();
        var market = MarketRouter.Open(marketplaces, builtIn, cache, out var diagnostics, new Progress(stderr));
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

    /// <summary>
    /// The service over the built-in router and the packs named, for a host
    /// that answers many questions: packs on disk are optional (routing needs
    /// none); with marketplaces, their packs are loaded once and questions are
    /// routed across them from memory.
    /// </summary>
    public static WayfinderService Service(Lazy<Router> builtIn, IReadOnlyList<string> skillFolders, IReadOnlyList<string> marketplaces, TextWriter stderr) =>
        Service(builtIn, Load(skillFolders, marketplaces, stderr), marketplaces);

    /// <summary>
    /// The service over the built-in router and <paramref name="library"/>:
    /// with marketplaces among what was loaded, questions are routed across
    /// every pack loaded, as every host routes them.
    /// </summary>
    public static WayfinderService Service(Lazy<Router> builtIn, PackLibrary library, IReadOnlyList<string> marketplaces)
    {
        var market = marketplaces.Count > 0 && !library.Packs.IsEmpty ? new MarketRouter(library.Packs, builtIn.Value) : null;
        return new WayfinderService(builtIn.Value, library, market);
    }

    /// <summary>
    /// A listing command (<c>packs</c>, <c>sheets</c>): <c>--json</c>, and
    /// <c>--packs</c> for the marketplaces whose packs are listed too.
    /// </summary>
    public static Command Listing(string name, string description, string packsDescription, Func<PackLibrary, bool, int> run, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var packs = new Option<string[]>("--packs")
        {
            Description = packsDescription,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command(name, description) { json, packs };
        command.SetAction(parsed => run(Load([], parsed.GetValue(packs) ?? [], stderr), parsed.GetValue(json)));
        return command;
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
