using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Library;

namespace Wayfinder.Lint;

/// <summary>How bad a finding is: errors fail a pack's CI (exit code 1), warnings do not.</summary>
public static class LintSeverity
{
    public const string Error = "error";
    public const string Warning = "warning";
}

/// <summary>One problem in a pack, where it is.</summary>
public sealed record LintFinding(string Severity, string Code, string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Severity} {Code}: {Message}" : $"{File}: {Severity} {Code}: {Message}";
}

/// <summary>
/// Checks skill packs for their authors: what fails to load, frontmatter
/// against the Agent Skills limits, links and references that resolve to
/// nothing, sheets no router reaches, duplicate sheet ids, and count claims
/// that do not match the files. Deliberate examples are left alone: anything
/// inside code blocks, lines that mark a wrong example ("← WRONG PATH"),
/// paths that name no pack, and file names unlike any sheet.
/// </summary>
public static partial class PackLinter
{
    /// <summary>The longest skill name the Agent Skills format allows.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest description the Agent Skills format allows.</summary>
    public const int MaxDescriptionLength = 1024;

    private static readonly string[] Numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>
    /// Lints every pack of <paramref name="library"/>. When <paramref name="wholeMarketplace"/>
    /// is false (packs linted alone, outside their marketplace), a reference to a sister
    /// pack that is not loaded is a warning, not an error: it may well be there beside it.
    /// </summary>
    public static ImmutableArray<LintFinding> Lint(PackLibrary library, bool wholeMarketplace = true)
    {
        ArgumentNullException.ThrowIfNull(library);
        var findings = new List<LintFinding>();
        foreach (var d in library.Diagnostics)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "load", d.File, d.Line, d.Column, d.Message));
        }

        var names = new NearNames(library.Packs.SelectMany(p => p.Sheets).Select(s => s.Id));
        var context = new LintContext(library, names, wholeMarketplace);
        foreach (var pack in library.Packs)
        {
            // The router read once, into the model inference reads too: the two cannot disagree about what it says.
            var router = MarkdownDocument.Parse(pack.SkillFile, pack.RouterText);
            Frontmatter(pack, router, findings);
            DuplicateSheets(pack, findings);
            References(context, pack, router, findings);
            CountClaims(library, pack, router, findings);
            SymptomOverlaps(pack, router, findings);
            Fences(router, findings);
            Unreached(pack, pack.RouterText, findings);
            foreach (var sheet in pack.Sheets)
            {
                // The text read at load, through the one door: a file is never read twice.
                References(context, pack, MarkdownDocument.Parse(sheet.FullPath, sheet.Text), findings);
            }
        }

        return [.. findings
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)];
    }

    /// <summary>What every reference check needs: the packs, their sheet names for typo hints, and how complete the set is.</summary>
    private sealed record LintContext(PackLibrary Library, NearNames SheetNames, bool WholeMarketplace)
    {
        /// <summary>Where each link target leads, worked out once: a file may link to the same place thousands of times.</summary>
        public Dictionary<string, Located> Targets { get; } = new(StringComparer.Ordinal);

        /// <summary>Every loaded pack's root, for links from one pack into another.</summary>
        public ImmutableArray<string> Roots { get; } = [.. Library.Packs.Select(p => p.Root).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    private static void Frontmatter(MarkdownPack pack, MarkdownDocument router, List<LintFinding> findings)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(pack.SkillFile)) ?? "";
        if (router.FrontmatterLine == 0 && !router.Refused)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter", pack.SkillFile, 1, 1, "no YAML frontmatter: a skill needs 'name' and 'description'"));
            return;
        }

        var name = pack.Name;
        if (!IsValidName(name))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-name", pack.SkillFile, 2, 1,
                $"name '{name}' must be lower-case letters, digits and hyphens, at most {MaxNameLength} characters"));
        }
        else if (name != folder)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-name", pack.SkillFile, 2, 1, $"name '{name}' must match its folder '{folder}'"));
        }

        if (string.IsNullOrWhiteSpace(pack.Description))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-description", pack.SkillFile, 2, 1, "no description: agents choose skills by it"));
        }
        else if (pack.Description.Length > MaxDescriptionLength)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-description", pack.SkillFile, 2, 1,
                string.Create(CultureInfo.InvariantCulture, $"description is {pack.Description.Length} characters; the limit is {MaxDescriptionLength}")));
        }
    }

    private static void DuplicateSheets(MarkdownPack pack, List<LintFinding> findings)
    {
        foreach (var group in pack.Sheets.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var sheet in group.Skip(1))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "duplicate-sheet", sheet.FullPath, 1, 1,
                    $"sheet id '{sheet.Id}' is also '{group.First().Id}': ids must differ in more than case"));
            }
        }
    }

    private static void Unreached(MarkdownPack pack, string skillText, List<LintFinding> findings)
    {
        foreach (var sheet in pack.Sheets)
        {
            if (!PackNames.Mentions(skillText, sheet.Id))
            {
                findings.Add(new LintFinding(LintSeverity.Warning, "unreached-sheet", sheet.FullPath, 1, 1,
                    $"no router reaches '{sheet.Id}': SKILL.md never names it"));
            }
        }
    }

    private static void References(LintContext context, MarkdownPack pack, MarkdownDocument document, List<LintFinding> findings)
    {
        if (document.Refused)
        {
            // Load refused this file already and said why; nothing more to check in it.
            return;
        }

        var file = document.Path;
        var folder = Path.GetDirectoryName(file)!;
        var root = pack.Root.Length > 0 ? pack.Root : folder;

        // Whether a line shows a wrong example is decided once per line, so many links on one line stay linear.
        var deliberate = new Dictionary<int, bool>();
        bool IsExample(int line)
        {
            if (!deliberate.TryGetValue(line, out var example))
            {
                deliberate[line] = example = line >= 1 && line <= document.SourceLines.Length && IsDeliberateExample(document.SourceLines[line - 1]);
            }

            return example;
        }

        foreach (var link in document.Links)
        {
            if (IsRelativeMarkdown(link.Target) && !IsExample(link.Line))
            {
                CheckLink(context, folder, root, file, link.Line, link.Column, link.Target, findings);
            }
        }

        foreach (var code in document.CodeSpans)
        {
            if (code.Text.Length <= MaxReferenceLength && SheetReference().Match(code.Text) is { Success: true } m
                && (m.Groups["md"].Success || m.Groups["pack"].Success) && !IsExample(code.Line))
            {
                CheckReference(context, pack, file, code.Line, code.Column, m.Groups["pack"].Value, m.Groups["sheet"].Value, findings);
            }
        }
    }

    /// <summary>The longest code span taken for a sheet reference: names are short, and a long span is code.</summary>
    private const int MaxReferenceLength = 200;

    /// <summary>
    /// A relative link to a Markdown file. Its target is looked up only when it stays
    /// inside the pack: whether a file outside exists is none of lint's business, and
    /// its findings must not tell.
    /// </summary>
    private static void CheckLink(LintContext context, string folder, string root, string file, int line, int column, string url, List<LintFinding> findings)
    {
        string target;
        try
        {
            target = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(url.Split('#')[0])));
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "broken-link", file, line, column, $"link to '{url}' is not a usable path"));
            return;
        }

        // A link out of the pack is checked only when it lands in another loaded pack.
        var owner = PackFiles.IsInside(root, target) ? root : context.Roots.FirstOrDefault(r => PackFiles.IsInside(r, target));
        if (owner is null)
        {
            findings.Add(new LintFinding(LintSeverity.Warning, "link-outside", file, line, column, $"link to '{url}' leads outside the packs linted, so it is not checked"));
            return;
        }

        if (!context.Targets.TryGetValue(target, out var located))
        {
            context.Targets[target] = located = PackFiles.Locate(owner, target);
        }

        if (located is { Problem: { } problem })
        {
            findings.Add(problem.Contains("outside", StringComparison.Ordinal)
                ? new LintFinding(LintSeverity.Error, "link-outside", file, line, column, $"link to '{url}' leads outside the pack through a symbolic link")
                : new LintFinding(LintSeverity.Error, "broken-link", file, line, column, $"link to '{url}' resolves to nothing"));
        }
    }

    private static void CheckReference(LintContext context, MarkdownPack pack, string file, int line, int column, string packPart, string sheetId, List<LintFinding> findings)
    {
        var library = context.Library;
        if (packPart.Length == 0)
        {
            if (pack.Sheets.Any(s => s.Id == sheetId) || context.SheetNames.Contains(sheetId))
            {
                return;
            }

            // A name unlike any sheet is an example ("07-threat-model.md"); one a letter or two away is a typo.
            if (context.SheetNames.Near(sheetId) is { } near)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"'{sheetId}.md' names no sheet; did you mean '{near}.md'?"));
            }

            return;
        }

        // A plugin of several skills is named by its plugin name: the sheet may be in any of them.
        var skills = library.Packs.Where(p => p.Id.StartsWith(packPart + ":", StringComparison.Ordinal)).ToList();
        if (skills.Count > 0)
        {
            if (!skills.Any(p => p.Sheets.Any(s => s.Id == sheetId) || p.Name == sheetId))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"no skill of plugin '{packPart}' has a sheet '{sheetId}'"));
            }

            return;
        }

        var target = library.FindPack(packPart);
        if (target is null)
        {
            if (library.Ambiguity(packPart) is { } ambiguity)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "ambiguous-pack", file, line, column, ambiguity));
                return;
            }

            // Only names shaped like the loaded packs' (the same family word, or the same name after it) are references; other paths ("skills/x.md") are prose.
            if (library.Packs.Any(p => SameFamily(p.Id, packPart)))
            {
                findings.Add(context.WholeMarketplace
                    ? new LintFinding(LintSeverity.Error, "unknown-pack", file, line, column, $"no loaded pack is called '{packPart}'")
                    : new LintFinding(LintSeverity.Warning, "unknown-pack", file, line, column, $"no pack '{packPart}' beside this one; lint its marketplace to check the reference"));
            }

            return;
        }

        if (!target.Sheets.Any(s => s.Id == sheetId) && target.Name != sheetId)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"pack '{target.Id}' has no sheet '{sheetId}'"));
        }
    }

    /// <summary>Whether <paramref name="name"/> looks like a pack of <paramref name="id"/>'s marketplace: the same first word (its family), or the same name after it.</summary>
    private static bool SameFamily(string id, string name)
    {
        var plugin = id.Split(':', 2)[0];
        var family = plugin.Split('-', 2)[0];
        var nameFamily = name.Split('-', 2)[0];
        return name.Contains('-', StringComparison.Ordinal)
            && (family == nameFamily || (plugin.Contains('-', StringComparison.Ordinal) && name.EndsWith(plugin[plugin.IndexOf('-', StringComparison.Ordinal)..], StringComparison.Ordinal)));
    }

    /// <summary>Whether a line names <paramref name="pack"/>: its folder name, or that name without its family word.</summary>
    private static bool NamesPack(string line, MarkdownPack pack) =>
        line.Contains(pack.Id, StringComparison.Ordinal) || PackNames.Mentions(line, PackNames.WithoutFamily(pack.Id) ?? pack.Id);

    private static bool IsRelativeMarkdown(string url) =>
        !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('#') && !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
        && url.Split('#')[0].EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    /// <summary>A line that shows a wrong example on purpose ("← WRONG PATH", "❌", "incorrect:").</summary>
    private static bool IsDeliberateExample(string line) =>
        line.Contains("WRONG", StringComparison.Ordinal) || line.Contains('❌') || line.Contains('✗')
        || line.Contains("incorrect", StringComparison.OrdinalIgnoreCase) || line.Contains("don't", StringComparison.OrdinalIgnoreCase);

    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static bool IsValidName(string name) => name.Length is > 0 and <= MaxNameLength && NameShape().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NameShape();

    [GeneratedRegex(@"^(?:(?<pack>[a-z0-9][a-z0-9:-]*)/)?(?<sheet>[a-z0-9][a-z0-9-]*)(?<md>\.md)?$")]
    private static partial Regex SheetReference();

    // A claim about a pack's size, not a remark about some of its sheets ("all three sheets"):
    // "exactly 10 sheets", "10 reference sheets", "(10 sheets …", "contains 10 sheets".
    [GeneratedRegex(@"(?:\bexactly\s+|\(\s*|\b(?:contains|has|ships|includes|holds)\s+)(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:reference\s+)?sheets\b|\b(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+reference\s+sheets\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountClaim();
}
