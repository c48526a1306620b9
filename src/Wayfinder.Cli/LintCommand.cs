using System.CommandLine;
using System.Reflection;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder lint DIR...</c>: findings with file and line, as text, JSON or
/// SARIF; <c>--fix</c> applies the mechanical fixes and shows their diff
/// (<c>--dry-run</c> only shows it). Exit 1 when any error remains, for a pack's own CI.
/// </summary>
internal static class LintCommand
{
    public const int Findings = 1;

    /// <summary>How many times <c>--fix</c> lints and fixes again: each round can uncover a fence the last one's misreading hid.</summary>
    private const int MaxFixRounds = 5;

    /// <summary>The output formats: lines for people, JSON for tools, SARIF for code scanning.</summary>
    public static readonly string[] Formats = ["human", "json", "sarif"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("dir") { Description = "A skill folder (holding SKILL.md) or a marketplace (*/skills/*/SKILL.md below it).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON (the same as --format json)." };
        var format = new Option<string>("--format") { Description = "human (file:line:col: severity code: message), json, or sarif (SARIF 2.1.0 for GitHub code scanning).", DefaultValueFactory = _ => "human" };
        format.AcceptOnlyFromAmong(Formats);
        var fix = new Option<bool>("--fix") { Description = "Apply the mechanical fixes (quote a frontmatter value, lengthen an outer fence) and print their diff." };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --fix: print the diff, change nothing." };
        var overlap = new Option<bool>("--no-overlap") { Description = "Leave out the routing-overlap warnings (they route each pack's own lines, which takes longer)." };
        var command = new Command("lint", "Check skill packs for their authors: frontmatter against the Agent Skills rules, fences, links and references (sheets, commands, agents), sheets a router names that match no file, unreached sheets, count claims, marketplace manifests, routing overlaps. Exits 1 when there are errors.")
        {
            dirs, json, format, fix, dryRun, overlap,
        };
        command.SetAction(parsed => Run(
            parsed.GetValue(dirs) ?? [],
            parsed.GetValue(json) ? "json" : parsed.GetValue(format) ?? "human",
            parsed.GetValue(fix),
            parsed.GetValue(dryRun),
            !parsed.GetValue(overlap),
            stdout,
            stderr));
        return command;
    }

    public static int Run(IReadOnlyList<string> dirs, string format, bool fix, bool dryRun, bool overlap, TextWriter stdout, TextWriter stderr)
    {
        if (dryRun && !fix)
        {
            return WayfinderCommand.Usage(stderr, "--dry-run goes with --fix: it shows the fixes without applying them");
        }

        var missing = dirs.FirstOrDefault(d => !Directory.Exists(d));
        if (missing is not null)
        {
            return WayfinderCommand.Usage(stderr, $"no such folder: {missing}");
        }

        var skills = dirs.Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).ToList();
        var markets = dirs.Except(skills).ToList();
        var options = new LintOptions { WholeMarketplace = markets.Count > 0, Marketplaces = markets, Overlap = overlap };
        var library = PackLibrary.Load(skills, markets);
        if (PackLoading.WithoutPacks(library, dirs) is [var empty, ..])
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {empty}: lint wants a skill folder holding SKILL.md or a marketplace with {PackLoading.MarketplaceLayout} below it");
        }

        var findings = PackLinter.Lint(library, options);
        if (fix)
        {
            // A fixed fence can uncover the next one its misreading hid, so fixes are applied until none is left (a few rounds at most).
            var total = 0;
            var files = new HashSet<string>(StringComparer.Ordinal);
            for (var round = 0; round < MaxFixRounds; round++)
            {
                var planned = LintFixer.Plan(findings, File.ReadAllText);
                foreach (var file in planned)
                {
                    stdout.Write(file.Diff);
                    files.Add(file.File);
                    if (!dryRun)
                    {
                        File.WriteAllText(file.File, file.After);
                    }
                }

                total += planned.Sum(f => f.Fixes);
                if (dryRun || planned.Count == 0)
                {
                    break;
                }

                findings = PackLinter.Lint(PackLibrary.Load(skills, markets), options);
            }

            stderr.WriteLine($"wayfinder: {(dryRun ? "would fix" : "fixed")} {total} finding(s) in {files.Count} file(s)");
            return findings.Any(f => f.Severity == LintSeverity.Error) ? Findings : WayfinderCommand.Ok;
        }

        switch (format)
        {
            case "json":
                stdout.WriteLine(WayfinderJson.Serialize([.. findings]));
                break;
            case "sarif":
                stdout.WriteLine(SarifWriter.Write(findings, Directory.GetCurrentDirectory(), Version));
                break;
            default:
                foreach (var finding in findings)
                {
                    stdout.WriteLine(finding);
                }

                var errors = findings.Count(f => f.Severity == LintSeverity.Error);
                stdout.WriteLine($"{library.Packs.Length} packs, {library.Packs.Sum(p => p.Sheets.Length)} sheets: {errors} errors, {findings.Length - errors} warnings");
                break;
        }

        return findings.Any(f => f.Severity == LintSeverity.Error) ? Findings : WayfinderCommand.Ok;
    }

    private static string Version =>
        typeof(LintCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";
}
