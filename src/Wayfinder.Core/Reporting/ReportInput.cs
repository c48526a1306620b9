using System.Collections.Immutable;
using Wayfinder.Library;
using Wayfinder.Lint;
using Wayfinder.Packs;

namespace Wayfinder.Reporting;

/// <summary>
/// One routing case as a test run left it: the question asked of a pack,
/// where the case is written, the sheet it expects and the sheet chosen.
/// </summary>
/// <param name="Pack">The pack the case routes inside.</param>
/// <param name="File">The file the case is written in.</param>
/// <param name="Line">Its line in that file (0 when unknown).</param>
/// <param name="Query">The question.</param>
/// <param name="Expected">The sheet the case expects first; null when it expects no sheet (a question asked back, or none).</param>
/// <param name="Chosen">The sheet routed to first; null when none was (the router asked, or found nothing).</param>
/// <param name="Passed">Whether the case passed.</param>
/// <param name="Detail">What the runner says of it, for a failure why.</param>
public sealed record ReportCase(string Pack, string File, int Line, string Query, string? Expected, string? Chosen, bool Passed, string Detail);

/// <summary>A pack as the report draws it: its files on disk and the routing model its router is read as.</summary>
/// <param name="Source">The pack on disk.</param>
/// <param name="Routing">Its routing manifest, or what inference reads in its SKILL.md; null when neither gives one.</param>
public sealed record ReportPack(MarkdownPack Source, RoutingPack? Routing)
{
    /// <summary>The pack's id.</summary>
    public string Id => Source.Id;
}

/// <summary>
/// Everything a report shows: the packs with their routing models, the lint
/// findings, the routing cases and the folder file paths are shown relative to.
/// </summary>
/// <param name="Title">What the report is of, as the reader named it (the folders given on the command line).</param>
/// <param name="Root">The folder paths are shown relative to.</param>
/// <param name="Packs">The packs, in the order they were loaded.</param>
/// <param name="Findings">The lint findings.</param>
/// <param name="Cases">The routing cases run; empty when none were.</param>
public sealed record ReportInput(string Title, string Root, ImmutableArray<ReportPack> Packs, ImmutableArray<LintFinding> Findings, ImmutableArray<ReportCase> Cases)
{
    /// <summary>
    /// The report of <paramref name="library"/>: each pack with its own routing
    /// manifest when it has one, else the one inference reads in its SKILL.md,
    /// handing off to the other packs loaded beside it.
    /// </summary>
    public static ReportInput Create(string title, string root, PackLibrary library, IEnumerable<LintFinding> findings, IEnumerable<ReportCase> cases)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(cases);
        var all = library.Packs;
        var packs = all.Select(p => new ReportPack(p, p.Manifest ?? MarkdownCompiler.Compile(p, all).Pack));
        return new ReportInput(title, root, [.. packs], [.. findings], [.. cases]);
    }

    /// <summary>
    /// The folder paths are shown relative to: the one folder given, else the
    /// deepest folder holding them all; as a real path, as the library names its files.
    /// </summary>
    public static string CommonRoot(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            return "";
        }

        var real = folders.Select(d => Path.TrimEndingDirectorySeparator(PackFiles.RealRoot(Path.GetFullPath(d)))).ToList();
        var common = real[0];
        foreach (var folder in real.Skip(1))
        {
            while (!PackFiles.IsInside(common, folder) && Path.GetDirectoryName(common) is { } parent)
            {
                common = parent;
            }
        }

        return common;
    }

    /// <summary>The number of sheets on disk, over every pack.</summary>
    public int SheetCount => Packs.Sum(p => p.Source.Sheets.Length);
}
