using System.CommandLine;
using System.Text;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Marketplace;
using Wayfinder.Testing;
using Wayfinder.Reporting;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder report DIR... [-o FILE]</c>: one self-contained HTML file of
/// the packs (their routers drawn, the lint findings, the routing cases), for
/// a pack's author or a build's artifacts. Loads as <c>lint</c> does.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("dir") { Description = "A skill folder (holding SKILL.md) or a marketplace (*/skills/*/SKILL.md below it).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file; without it, to standard output." };
        var command = new Command("report", "Write one self-contained HTML file of skill packs: each router drawn (concerns, sheets, questions, hand-offs, sheets no router reaches), the lint findings by pack, the overlap warnings and the routing cases.")
        {
            dirs, output,
        };
        command.SetAction(parsed => Run(parsed.GetValue(dirs) ?? [], parsed.GetValue(output), stdout, stderr));
        return command;
    }

    public static int Run(IReadOnlyList<string> dirs, string? outputFile, TextWriter stdout, TextWriter stderr)
    {
        var missing = dirs.FirstOrDefault(d => !Directory.Exists(d));
        if (missing is not null)
        {
            return WayfinderCommand.Usage(stderr, $"no such folder: {missing}");
        }

        if (outputFile is not null && Directory.Exists(outputFile))
        {
            return WayfinderCommand.Usage(stderr, $"the report goes to a file, and {outputFile} is a folder");
        }

        var skills = dirs.Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).ToList();
        var markets = dirs.Except(skills).ToList();
        // Load problems are findings of the report, as they are of lint, not lines on stderr.
        var library = PackLibrary.Load(skills, markets);
        if (PackLoading.WithoutPacks(library, dirs) is [var empty, ..])
        {
            return WayfinderCommand.Usage(stderr, $"no packs found in {empty}: report wants a skill folder holding SKILL.md or a marketplace with {PackLoading.MarketplaceLayout} below it");
        }

        var findings = PackLinter.Lint(library, new LintOptions { WholeMarketplace = markets.Count > 0, Marketplaces = markets });
        var input = ReportInput.Create(string.Join(" ", dirs), ReportInput.CommonRoot(dirs), library, findings, RoutingCaseResults(library));
        if (outputFile is null)
        {
            HtmlReport.Write(stdout, input);
            return WayfinderCommand.Ok;
        }

        // Written whole, then moved into place: a reader never sees half a report.
        var temporary = outputFile + ".tmp";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                HtmlReport.Write(writer, input);
            }

            File.Move(temporary, outputFile, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            return WayfinderCommand.Usage(stderr, $"cannot write {outputFile}: {ex.Message}");
        }

        var errors = findings.Count(f => f.Severity == LintSeverity.Error);
        stdout.WriteLine(Terminal.Visible($"{input.Packs.Length} packs, {input.SheetCount} sheets: {errors} errors, {findings.Length - errors} warnings; report written to {outputFile}"));
        return WayfinderCommand.Ok;
    }

    /// <summary>
    /// The results of the routing cases the packs keep beside their SKILL.md
    /// (the ones <c>wayfinder test</c> runs), routed the same way, one
    /// <see cref="ReportCase"/> per case; none when no pack keeps any.
    /// </summary>
    internal static IReadOnlyList<ReportCase> RoutingCaseResults(PackLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        if (!library.Packs.Any(p => !CaseFiles.Of(p).IsEmpty))
        {
            return [];
        }

        var run = new CaseRunner(new MarketRouter(library.Packs)).RunOwn();
        return [.. run.Cases.Select(c => new ReportCase(c.Pack, c.File, c.Line, c.Query, SheetOf(c.Expected.FirstOrDefault()), SheetOf(c.Chosen), c.Passed, c.Detail))];
    }

    /// <summary>The sheet of a <c>pack/sheet</c> destination; null for none or a pack alone.</summary>
    private static string? SheetOf(string? destination) =>
        string.IsNullOrEmpty(destination) || !destination.Contains('/', StringComparison.Ordinal) ? null : destination[(destination.LastIndexOf('/') + 1)..];
}
