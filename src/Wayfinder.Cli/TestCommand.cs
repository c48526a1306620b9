using System.CommandLine;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Wayfinder.Testing;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder test DIR...</c>: the routing cases packs keep beside their
/// SKILL.md (or one file of them, <c>--cases</c>), pass or fail, for a pack's
/// own CI. Exits 1 when a case fails, 2 when a folder or a case file is wrong.
/// </summary>
internal static class TestCommand
{
    public const int Failures = 1;

    /// <summary>The longest query a result line shows.</summary>
    private const int QueryWidth = 72;

    public static Command Create(Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("dir") { Description = "A skill folder (holding SKILL.md) or a marketplace (*/skills/*/SKILL.md below it, or .claude-plugin/marketplace.json).", Arity = ArgumentArity.OneOrMore };
        var cases = new Option<string?>("--cases") { Description = "Run this case file instead of the packs' own (gold JSON Lines, or a JSON array of trigger queries; told apart by content)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON: each file, each case, its decision." };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file." };
        var test = new Command("test", $"Run the routing cases packs keep beside SKILL.md ({CaseFiles.RoutingCases}, {CaseFiles.TriggerQueries}; or in evals/). Exits 1 when a case fails, 2 when a folder or case file is wrong.")
        {
            dirs, cases, json, junit,
        };
        test.SetAction(parsed => Run(parsed.GetValue(dirs) ?? [], parsed.GetValue(cases), parsed.GetValue(json), parsed.GetValue(junit), builtIn, stdout, stderr));
        return test;
    }

    private static int Run(IReadOnlyList<string> dirs, string? cases, bool json, string? junit, Lazy<Router> builtIn, TextWriter stdout, TextWriter stderr)
    {
        if (dirs.FirstOrDefault(d => !Directory.Exists(d)) is { } missing)
        {
            return WayfinderCommand.Usage(stderr, $"no such folder: {missing}");
        }

        if (cases is not null && !File.Exists(cases))
        {
            return WayfinderCommand.Usage(stderr, $"no such case file: {cases}");
        }

        if (Open(dirs, builtIn, stderr) is not { } market)
        {
            return WayfinderCommand.UsageError;
        }

        var runner = new CaseRunner(market);
        var run = cases is null ? runner.RunOwn() : runner.RunFile(cases);
        if (run.Files.IsEmpty)
        {
            return WayfinderCommand.Usage(stderr, $"no routing cases in {string.Join(", ", dirs)}: a skill keeps them in {CaseFiles.RoutingCases} or {CaseFiles.TriggerQueries} beside its SKILL.md (or in {CaseFiles.EvalsFolder}/), or name a file with --cases");
        }

        if (json)
        {
            stdout.WriteLine(WayfinderJson.Serialize(run));
        }
        else
        {
            Write(run, stdout);
        }

        foreach (var problem in run.Files.SelectMany(f => f.Problems))
        {
            stderr.WriteLine($"wayfinder: {Terminal.Visible(problem.ToString())}");
        }

        if (junit is not null)
        {
            try
            {
                JUnitReport.Write(run, junit);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return WayfinderCommand.Usage(stderr, $"cannot write {junit}: {ex.Message}");
            }
        }

        return run.Problems > 0 ? WayfinderCommand.UsageError : run.Failed > 0 ? Failures : WayfinderCommand.Ok;
    }

    /// <summary>
    /// The packs of <paramref name="dirs"/>, for routing across: marketplaces
    /// alone open through the cache, as <c>route --packs</c> does; with a skill
    /// folder among them everything loads from its Markdown, as <c>route --pack</c>
    /// does. Null, said on stderr, when a folder holds no pack.
    /// </summary>
    private static MarketRouter? Open(IReadOnlyList<string> dirs, Lazy<Router> builtIn, TextWriter stderr)
    {
        var skills = dirs.Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).ToList();
        var markets = dirs.Except(skills).ToList();
        MarketRouter? market;
        if (skills.Count == 0)
        {
            market = PackLoading.OpenMarket(markets, builtIn.Value, stderr);
        }
        else
        {
            var library = PackLoading.Load(skills, markets, stderr);
            market = library.Packs.IsEmpty ? null : new MarketRouter(library.Packs);
        }

        if (market is null && skills.Count == 0)
        {
            return null;
        }

        var packs = market?.Packs.Select(p => p.SkillFile).ToList() ?? [];
        if (dirs.FirstOrDefault(d => PackLibrary.Under(d) is var under && !packs.Any(under)) is { } empty)
        {
            WayfinderCommand.Usage(stderr, $"no packs found in {empty}: test wants a skill folder holding SKILL.md or a marketplace with {PackLoading.MarketplaceLayout} below it");
            return null;
        }

        return market;
    }

    private static void Write(TestRun run, TextWriter stdout)
    {
        foreach (var result in run.Cases)
        {
            var query = Terminal.Visible(CaseText.FirstLine(result.Query, QueryWidth));
            var pack = result.Pack.Length > 0 ? $"  [{result.Pack}]" : "";
            stdout.WriteLine($"{(result.Passed ? "pass" : "FAIL")}  {Terminal.Visible(result.File)}:{result.Line}{pack}  {query}");
            if (!result.Passed)
            {
                foreach (var line in CaseText.Lines(result))
                {
                    stdout.WriteLine($"      {Terminal.Visible(line)}");
                }
            }
        }

        var problems = run.Problems > 0 ? $"; {Count(run.Problems, "line")} could not be run" : "";
        stdout.WriteLine($"{Count(run.Files.Length, "case file")}, {Count(run.Passed + run.Failed, "case")}: {run.Passed} passed, {run.Failed} failed{problems}");
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
