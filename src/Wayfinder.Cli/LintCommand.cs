using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary><c>wayfinder lint DIR...</c>: findings with file and line; exit 1 when any is an error, for a pack's own CI.</summary>
internal static class LintCommand
{
    public const int Findings = 1;

    public static int Run(IReadOnlyList<string> dirs, bool json, TextWriter stdout, TextWriter stderr)
    {
        var missing = dirs.FirstOrDefault(d => !Directory.Exists(d));
        if (missing is not null)
        {
            return WayfinderCommand.Usage(stderr, $"no such folder: {missing}");
        }

        var skills = dirs.Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).ToList();
        var markets = dirs.Except(skills).ToList();
        var library = PackLibrary.Load(skills, markets);
        if (PackLoading.WithoutPacks(library, dirs) is [var empty, ..])
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {empty}: lint wants a skill folder holding SKILL.md or a marketplace with {PackLoading.MarketplaceLayout} below it");
        }

        var findings = PackLinter.Lint(library, wholeMarketplace: markets.Count > 0);
        if (json)
        {
            stdout.WriteLine(WayfinderJson.Serialize([.. findings]));
        }
        else
        {
            foreach (var finding in findings)
            {
                stdout.WriteLine(finding);
            }

            var errors = findings.Count(f => f.Severity == LintSeverity.Error);
            stdout.WriteLine($"{library.Packs.Length} packs, {library.Packs.Sum(p => p.Sheets.Length)} sheets: {errors} errors, {findings.Length - errors} warnings");
        }

        return findings.Any(f => f.Severity == LintSeverity.Error) ? Findings : WayfinderCommand.Ok;
    }
}
