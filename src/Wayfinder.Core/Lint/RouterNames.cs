using System.Text.RegularExpressions;
using Wayfinder.Library;

namespace Wayfinder.Lint;

/// <summary>
/// Sheets a router names by a file name that matches no file: the sheet it
/// meant is then never read. Each is an error with the nearest file's name.
/// </summary>
public static partial class PackLinter
{
    /// <summary>
    /// <c>name.md</c> written in the router's prose or code spans (not in code
    /// blocks, nor on a line showing a wrong example) that is no sheet, command,
    /// agent or other file of any loaded pack, and is near one of this pack's
    /// sheets: a typo, an old name, or a short form of the file's name. A name
    /// near none is a document the router talks about ("the team's vision.md"),
    /// not a sheet.
    /// </summary>
    private static void RouterNames(LintContext context, MarkdownPack pack, MarkdownDocument router, Func<int, bool> isExample, List<LintFinding> findings)
    {
        var folder = Path.GetDirectoryName(pack.SkillFile)!;
        var seen = new HashSet<(int Line, string Name)>();
        for (var i = 0; i < router.SourceLines.Length; i++)
        {
            var line = i + 1;
            if (router.IsCode(line) || isExample(line))
            {
                continue;
            }

            foreach (Match m in FileName().Matches(router.SourceLines[i]))
            {
                var name = m.Groups["name"].Value;
                if (!seen.Add((line, name)) || IsLinkTarget(router.SourceLines[i], m.Index) || Resolves(context, pack, folder, name)
                    || IsArtifact(name))
                {
                    continue;
                }

                if (Nearest(pack, name) is { } nearest && !PackNames.Mentions(router.SourceLines[i], nearest))
                {
                    findings.Add(new LintFinding(LintSeverity.Error, "unknown-sheet", pack.SkillFile, line, m.Index + 1,
                        $"the router names '{name}.md', which matches no file beside it, so that sheet is never read; did you mean '{nearest}.md'?"));
                }
            }
        }

        // A sheet named in a code span by a short or old form of its id (`mixed-precision`): whoever follows the router looks for a file that is not there.
        foreach (var code in router.CodeSpans)
        {
            var name = code.Text.Trim();
            if (!KebabName().IsMatch(name) || router.IsCode(code.Line) || isExample(code.Line) || !seen.Add((code.Line, name))
                || Resolves(context, pack, folder, name) || IsArtifact(name) || IsPackName(context.Library, name))
            {
                continue;
            }

            if (Nearest(pack, name) is { } nearest && !PackNames.Mentions(router.SourceLines[code.Line - 1], nearest))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unknown-sheet", pack.SkillFile, code.Line, code.Column,
                    $"the router names the sheet '{name}', but no file is called '{name}.md'; did you mean '{nearest}.md'?"));
            }
        }
    }

    /// <summary>
    /// <c>name.md</c> in a file of a skill, where no such file is beside it but
    /// the name is another skill of the same plugin (whose file is its
    /// <c>SKILL.md</c>) or a sheet of one: the reader looks beside this file
    /// and finds nothing. The message says where the file is.
    /// </summary>
    private static void SisterFileNames(LintContext context, MarkdownPack pack, MarkdownDocument document, Func<int, bool> isExample, List<LintFinding> findings)
    {
        var sisters = context.Library.Packs.Where(p => p.Root.Length > 0 && p.Root == pack.Root && p.Id != pack.Id).ToList();
        if (sisters.Count == 0)
        {
            return;
        }

        // Only a skill's own files: a command or an agent sits in no skill folder, and names a skill's sheets by name.
        var folder = Path.GetDirectoryName(pack.SkillFile)!;
        if (Path.GetDirectoryName(document.Path) != folder)
        {
            return;
        }

        for (var i = 0; i < document.SourceLines.Length; i++)
        {
            if (document.IsCode(i + 1) || isExample(i + 1))
            {
                continue;
            }

            foreach (Match m in FileName().Matches(document.SourceLines[i]))
            {
                var name = m.Groups["name"].Value;
                if (IsLinkTarget(document.SourceLines[i], m.Index) || pack.Sheets.Any(s => s.Id == name) || File.Exists(Path.Combine(folder, name + ".md")))
                {
                    continue;
                }

                var where = sisters.FirstOrDefault(p => p.Name == name) is { } skill
                    ? $"'{name}' is a skill of this plugin, whose router is {Path.GetRelativePath(folder, skill.SkillFile).Replace('\\', '/')}"
                    : sisters.FirstOrDefault(p => p.Sheets.Any(s => s.Id == name)) is { } owner
                        ? $"it is a sheet of the skill '{owner.Name}' ({Path.GetRelativePath(folder, owner.Sheets.First(s => s.Id == name).FullPath).Replace('\\', '/')})"
                        : null;
                if (where is not null)
                {
                    findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", document.Path, i + 1, m.Index + 1,
                        $"'{name}.md' is no file beside this one: {where}"));
                }
            }
        }
    }

    /// <summary>Whether a name is a loaded pack's, plugin's or skill's, in full or without its family word.</summary>
    private static bool IsPackName(PackLibrary library, string name) =>
        library.Packs.Any(p => p.Name == name || PackNames.Refers(p.Id, name) || p.Id.Split(':')[0] == name);

    /// <summary>A numbered file name ("03-threat-model.md"): a document a workflow produces, not a sheet.</summary>
    private static bool IsArtifact(string name) => name.Length > 3 && char.IsAsciiDigit(name[0]) && name.IndexOf('-', StringComparison.Ordinal) is > 0 and <= 3;

    /// <summary>Whether a name is a loaded sheet, a command or agent of the plugin, or a file beside the router.</summary>
    private static bool Resolves(LintContext context, MarkdownPack pack, string folder, string name) =>
        pack.Sheets.Any(s => s.Id == name) || context.SheetNames.Contains(name) || IsCommandOrAgent(context, pack, name)
        || (pack.Root.Length > 0 && PackFiles.Locate(pack.Root, Path.Combine(folder, name + ".md")).Problem is null);

    /// <summary>Whether the match at <paramref name="at"/> is a link's target (<c>](x.md)</c>): links are checked as links.</summary>
    private static bool IsLinkTarget(string line, int at)
    {
        var open = line.LastIndexOf("](", at, StringComparison.Ordinal);
        return open >= 0 && line.IndexOf(')', open) is var close && (close < 0 || close >= at);
    }

    /// <summary>
    /// The sheet of <paramref name="pack"/> a name that matches no file most
    /// likely meant: one within two edits (a typo), the one sheet it is a
    /// short form of (a prefix or suffix of whole words, or a subset of its
    /// words), or the one sheet sharing most of its words; null when none stands out.
    /// </summary>
    internal static string? Nearest(MarkdownPack pack, string name)
    {
        var ids = pack.Sheets.Select(s => s.Id).ToList();
        var typo = ids.Where(id => Distance(id, name) <= 2).ToList();
        if (typo.Count == 1)
        {
            return typo[0];
        }

        var words = name.Split('-', StringSplitOptions.RemoveEmptyEntries);
        // One word ("vision") is a word, not a short form of a sheet's name.
        var shortForm = words.Length < 2 ? [] : ids.Where(id => id.StartsWith(name + "-", StringComparison.Ordinal) || id.EndsWith("-" + name, StringComparison.Ordinal)
            || words.All(id.Split('-').Contains)).ToList();
        if (shortForm.Count == 1)
        {
            return shortForm[0];
        }

        // The sheet sharing most words, when it shares most of both names' words and no other sheet comes close.
        var scored = ids.Select(id =>
            {
                var other = id.Split('-');
                var shared = words.Intersect(other, StringComparer.Ordinal).Count();
                return (Id: id, Score: shared / (double)(words.Length + other.Length - shared));
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).ToList();
        return words.Length > 1 && scored is [var best, ..] && best.Score >= 0.5 && (scored.Count == 1 || scored[1].Score < best.Score) ? best.Id : null;
    }

    /// <summary>A kebab-case name of two words or more: the shape of a sheet's id.</summary>
    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)+$")]
    private static partial Regex KebabName();

    /// <summary>A kebab-case file name ending in <c>.md</c>, not part of a path or a longer word.</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.md\b")]
    private static partial Regex FileName();
}
