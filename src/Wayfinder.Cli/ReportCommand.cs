using System.Text;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Reporting;

namespace Wayfinder.Cli;

/// <summary>
/// <c>wayfinder report DIR... [-o FILE]</c>: one self-contained HTML file of
/// the packs (their routers drawn, the lint findings, the routing cases), for
/// a pack's author or a build's artifacts. Loads as <c>lint</c> does.
/// </summary>
internal static class ReportCommand
{
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
    /// The results of the packs' routing cases, which the report tabulates.
    /// None yet: the runner of <c>wayfinder test</c> fills this seam when it
    /// lands, one <see cref="ReportCase"/> per case it runs.
    /// </summary>
    internal static IReadOnlyList<ReportCase> RoutingCaseResults(PackLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return [];
    }
}
