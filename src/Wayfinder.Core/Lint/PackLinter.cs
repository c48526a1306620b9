using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Library;

namespace Wayfinder.Lint;

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

    /// <summary>Lints every pack of <paramref name="library"/> as one whole marketplace.</summary>
    /// <param name="library">The packs.</param>
    /// <returns>The findings.</returns>
    public static ImmutableArray<LintFinding> Lint(PackLibrary library) => Lint(library, wholeMarketplace: true);

    /// <summary>
    /// Lints every pack of <paramref name="library"/>. When <paramref name="wholeMarketplace"/>
    /// is false (packs linted alone, outside their marketplace), a reference to a sister
    /// pack that is not loaded is a warning, not an error: it may well be there beside it.
    /// </summary>
    public static ImmutableArray<LintFinding> Lint(PackLibrary library, bool wholeMarketplace) =>
        Lint(library, new LintOptions { WholeMarketplace = wholeMarketplace });

    /// <summary>Lints every pack of <paramref name="library"/>, and the marketplaces of <paramref name="options"/>.</summary>
    public static ImmutableArray<LintFinding> Lint(PackLibrary library, LintOptions options)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(options);
        var findings = new List<LintFinding>();

        // The tokenizer the size advice counts with takes a second to load: it loads on the other core while the rest is checked.
        var tokenizer = Task.Run(() => Context.TokenCounter.O200kBase);
        var parsedHere = new HashSet<string>(library.Packs.SelectMany(p => p.Sheets.Select(s => s.FullPath).Prepend(p.SkillFile)), StringComparer.Ordinal);
        foreach (var d in library.Diagnostics)
        {
            // Frontmatter that does not parse is explained below, file by file, with its fix; so are the manifests of a marketplace checked below.
            if (!(d.Message.StartsWith(MalformedFrontmatter, StringComparison.Ordinal) && parsedHere.Contains(d.File))
                && !(options.Marketplaces.Count > 0 && IsManifest(d.File)))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "load", d.File, d.Line, d.Column, d.Message));
            }
        }

        foreach (var market in options.Marketplaces)
        {
            MarketChecks(market, library, findings);
        }

        var names = new NearNames(library.Packs.SelectMany(p => p.Sheets).Select(s => s.Id));
        var context = new LintContext(library, names, options.WholeMarketplace);
        foreach (var pack in library.Packs)
        {
            // The router read once, into the model inference reads too: the two cannot disagree about what it says.
            var router = MarkdownDocument.Parse(pack.SkillFile, pack.RouterText);
            var map = router.Refused ? null : ParseFrontmatter(router, isSkill: true, findings);
            SkillFields(pack, router, map, findings);
            DuplicateSheets(pack, findings);
            var misread = Fences(router, findings);
            References(context, pack, router, misread, findings);
            CountClaims(library, pack, router, findings);
            SymptomOverlaps(pack, router, findings);
            Unreached(pack, pack.RouterText, findings);
            foreach (var sheet in pack.Sheets)
            {
                // The text read at load, through the one door: a file is never read twice.
                var document = MarkdownDocument.Parse(sheet.FullPath, sheet.Text);
                if (!document.Refused)
                {
                    ParseFrontmatter(document, isSkill: false, findings);
                }

                References(context, pack, document, Fences(document, findings), findings);
            }
        }

        // A plugin's commands and agents are Markdown an agent reads too: their fences, frontmatter, links and references.
        foreach (var plugin in library.Packs.Where(p => p.Root.Length > 0).GroupBy(p => p.Root, StringComparer.Ordinal))
        {
            foreach (var (path, text) in CommandAndAgentFiles(plugin.Key, findings))
            {
                var document = MarkdownDocument.Parse(path, text);
                if (!document.Refused)
                {
                    ParseFrontmatter(document, isSkill: false, findings);
                    References(context, plugin.First(), document, Fences(document, findings), findings);
                }
            }
        }

        if (options.Overlap)
        {
            Overlaps(library, findings);
        }

        foreach (var pack in library.Packs.Where(p => !string.IsNullOrEmpty(p.RouterText)))
        {
            SkillSize(pack, tokenizer.Result, findings);
        }

        return [.. findings
            .Distinct()
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)];
    }

    /// <summary>The folders of a plugin that hold its slash commands and its agents.</summary>
    private static readonly string[] CommandAndAgentFolders = ["commands", "agents"];

    /// <summary>The <c>*.md</c> files of one of a plugin's folders (<c>commands</c>, <c>agents</c>), in ordinal order; none when the folder is missing or leads outside the plugin.</summary>
    private static IEnumerable<string> PluginFiles(string root, string kind) =>
        PackFiles.Folder(root, Path.Combine(root, kind), []) is { } folder && Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal)
            : [];

    /// <summary>The <c>commands/*.md</c> and <c>agents/*.md</c> files of a plugin, read through the one door that never leaves it.</summary>
    private static IEnumerable<(string Path, string Text)> CommandAndAgentFiles(string root, List<LintFinding> findings)
    {
        foreach (var path in CommandAndAgentFolders.SelectMany(kind => PluginFiles(root, kind)))
        {
            var diagnostics = new List<Packs.PackDiagnostic>();
            if (PackFiles.ReadText(root, path, diagnostics) is { } text)
            {
                yield return (path, text);
            }

            findings.AddRange(diagnostics.Select(d => new LintFinding(LintSeverity.Error, "load", d.File, d.Line, d.Column, d.Message)));
        }
    }

    /// <summary>Whether a file is a marketplace's or a plugin's manifest, which the marketplace checks read themselves.</summary>
    private static bool IsManifest(string file) =>
        file.EndsWith(MarketLayout.Manifest, StringComparison.Ordinal) || file.EndsWith(MarketLayout.PluginManifest, StringComparison.Ordinal);

    /// <summary>How the loader words a frontmatter parse failure; lint says more.</summary>
    private const string MalformedFrontmatter = "malformed frontmatter";

    /// <summary>What every reference check needs: the packs, their sheet names for typo hints, and how complete the set is.</summary>
    private sealed record LintContext(PackLibrary Library, NearNames SheetNames, bool WholeMarketplace)
    {
        /// <summary>Where each link target leads, worked out once: a file may link to the same place thousands of times.</summary>
        public Dictionary<string, Located> Targets { get; } = new(StringComparer.Ordinal);

        private readonly Dictionary<string, HashSet<string>> _plugins = new(StringComparer.Ordinal);

        /// <summary>The names of a plugin's slash commands and agents (<c>commands/*.md</c>, <c>agents/*.md</c>), listed once per plugin, never outside it.</summary>
        public HashSet<string> CommandsAndAgents(string root)
        {
            if (!_plugins.TryGetValue(root, out var names))
            {
                _plugins[root] = names = new HashSet<string>(CommandAndAgentFolders.SelectMany(kind => PluginFiles(root, kind)).Select(Path.GetFileNameWithoutExtension).OfType<string>(), StringComparer.Ordinal);
            }

            return names;
        }

        /// <summary>Every slash command of every loaded plugin.</summary>
        public HashSet<string> Commands => _commands ??= [.. Roots.SelectMany(r => PluginFiles(r, "commands")).Select(Path.GetFileNameWithoutExtension).OfType<string>()];

        private HashSet<string>? _commands;

        /// <summary>Every loaded pack's root, for links from one pack into another.</summary>
        public ImmutableArray<string> Roots { get; } = [.. Library.Packs.Select(p => p.Root).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];
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
                findings.Add(new LintFinding(LintSeverity.Error, "unreached-sheet", sheet.FullPath, 1, 1,
                    $"no router reaches '{sheet.Id}': SKILL.md never names it, so no question is routed here"));
            }
        }
    }

    private static void References(LintContext context, MarkdownPack pack, MarkdownDocument document, Misread misread, List<LintFinding> findings)
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
                deliberate[line] = example = misread.Contains(line)
                    || (line >= 1 && line <= document.SourceLines.Length && IsDeliberateExample(document.SourceLines[line - 1]));
            }

            return example;
        }

        foreach (var link in document.Links)
        {
            if (IsRelativeMarkdown(link.Target) && !IsExample(link.Line))
            {
                CheckLink(context, pack, folder, root, file, link.Line, link.Column, link.Target, findings);
            }
            else if (IsRelativePath(link.Target) && !IsExample(link.Line))
            {
                CheckPathLink(context, folder, root, file, link.Line, link.Column, link.Target, findings);
            }
        }

        if (file == pack.SkillFile)
        {
            RouterNames(context, pack, document, IsExample, findings);
        }

        SisterFileNames(context, pack, document, IsExample, findings);

        foreach (var code in document.CodeSpans)
        {
            if (code.Text.Length > MaxReferenceLength || IsExample(code.Line))
            {
                continue;
            }

            if (SheetReference().Match(code.Text) is { Success: true } m && (m.Groups["md"].Success || m.Groups["pack"].Success))
            {
                CheckReference(context, pack, file, code.Line, code.Column, m.Groups["pack"].Value, m.Groups["sheet"].Value, findings);
            }
            else if (QualifiedName().Match(code.Text) is { Success: true } q)
            {
                CheckQualified(context, file, code.Line, code.Column, q.Groups["plugin"].Value, q.Groups["name"].Value, findings);
            }
            else if (context.WholeMarketplace && SlashCommand().Match(code.Text) is { Success: true } c)
            {
                CheckCommand(context, file, code.Line, code.Column, c.Groups["name"].Value, findings);
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
    private static void CheckLink(LintContext context, MarkdownPack pack, string folder, string root, string file, int line, int column, string url, List<LintFinding> findings)
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
            // A router's link to a file beside it that is not there names a sheet that matches no file.
            if (file == pack.SkillFile && Path.GetDirectoryName(target) == folder && !problem.Contains("outside", StringComparison.Ordinal)
                && Nearest(pack, Path.GetFileNameWithoutExtension(target)) is { } nearest)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unknown-sheet", file, line, column,
                    $"the router links '{url}', which matches no file beside it, so that sheet is never read; did you mean '{nearest}.md'?"));
                return;
            }

            findings.Add(problem.Contains("outside", StringComparison.Ordinal)
                ? new LintFinding(LintSeverity.Error, "link-outside", file, line, column, $"link to '{url}' leads outside the pack through a symbolic link")
                : new LintFinding(LintSeverity.Error, "broken-link", file, line, column, $"link to '{url}' resolves to nothing"));
        }
    }

    /// <summary>
    /// A relative link to a folder or to a file other than Markdown: checked
    /// only when it lands inside its own pack, where it must exist. A link one
    /// <c>../</c> short of a sister plugin lands inside its own plugin, so the
    /// message names the sister it would reach with one more.
    /// </summary>
    private static void CheckPathLink(LintContext context, string folder, string root, string file, int line, int column, string url, List<LintFinding> findings)
    {
        string target;
        try
        {
            target = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(url.Split('#')[0])));
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            return;
        }

        if (!PackFiles.IsInside(root, target) || PackFiles.Locate(root, target).Problem is null)
        {
            return;
        }

        var relative = Path.GetRelativePath(root, target);
        var further = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(root)!, relative));
        var hint = context.Roots.Any(r => r != root && (further == r || PackFiles.IsInside(r, further))) && (Directory.Exists(further) || File.Exists(further))
            ? $"; one '../' more reaches '{Path.GetFileName(further.TrimEnd('/'))}' beside this plugin"
            : "";
        findings.Add(new LintFinding(LintSeverity.Error, "broken-link", file, line, column, $"link to '{url}' resolves to nothing in the pack{hint}"));
    }

    /// <summary>A relative link that is a path: not a URL, an anchor, a mail address or an absolute path.</summary>
    private static bool IsRelativePath(string url) =>
        url.Length > 0 && !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('#') && !url.StartsWith('/')
        && !url.Contains(':', StringComparison.Ordinal) && !url.Contains(' ', StringComparison.Ordinal);

    private static void CheckReference(LintContext context, MarkdownPack pack, string file, int line, int column, string packPart, string sheetId, List<LintFinding> findings)
    {
        var library = context.Library;
        if (IsArtifact(sheetId))
        {
            // "pack/03-threat-model.md": a document of a workflow's numbered set, not a sheet.
            return;
        }

        if (packPart.Length == 0)
        {
            if (file == pack.SkillFile)
            {
                // A router's own file names are checked as the sheets it names, with the nearest file suggested.
                return;
            }

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
            if (!skills.Any(p => p.Sheets.Any(s => s.Id == sheetId) || p.Name == sheetId || IsCommandOrAgent(context, p, sheetId)))
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
            // Linted alone, a skill's sister packs are simply not loaded: nothing to say about them.
            if (context.WholeMarketplace && library.Packs.Any(p => SameFamily(p.Id, packPart)))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unknown-pack", file, line, column, $"the marketplace holds no pack '{packPart}'"));
            }

            return;
        }

        if (!target.Sheets.Any(s => s.Id == sheetId) && target.Name != sheetId && !IsCommandOrAgent(context, target, sheetId))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"pack '{target.Id}' has no sheet '{sheetId}'"));
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a slash command or an agent of
    /// <paramref name="pack"/>'s plugin (<c>commands/NAME.md</c>,
    /// <c>agents/NAME.md</c>): a reference to one is not a broken sheet reference.
    /// </summary>
    private static bool IsCommandOrAgent(LintContext context, MarkdownPack pack, string name) =>
        pack.Root.Length > 0 && context.CommandsAndAgents(pack.Root).Contains(name);

    /// <summary>
    /// <c>plugin:name</c>, the way a marketplace names one of a plugin's skills:
    /// the name must be a skill, sheet, command or agent of that plugin.
    /// </summary>
    private static void CheckQualified(LintContext context, string file, int line, int column, string plugin, string name, List<LintFinding> findings)
    {
        // The plugin's name, or a skill's name (skill:sheet).
        var skills = context.Library.Packs.Where(p => p.Id == plugin || p.Id.StartsWith(plugin + ":", StringComparison.Ordinal)).ToList();
        if (skills.Count == 0)
        {
            skills = [.. context.Library.Packs.Where(p => p.Name == plugin)];
        }

        if (skills.Count == 0)
        {
            if (context.WholeMarketplace && context.Library.Packs.Any(p => SameFamily(p.Id, plugin)))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unknown-pack", file, line, column, $"the marketplace holds no plugin '{plugin}'"));
            }

            return;
        }

        if (!skills.Any(p => p.Name == name || p.Sheets.Any(s => s.Id == name) || IsCommandOrAgent(context, p, name)))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"plugin '{plugin}' has no skill, sheet, command or agent '{name}'"));
        }
    }

    /// <summary>
    /// <c>/name-of-command</c>: a slash command some plugin of the marketplace
    /// defines (<c>commands/NAME.md</c>), or a pack named the same way
    /// (<c>/pack-name</c>). Checked only across a whole marketplace.
    /// </summary>
    private static void CheckCommand(LintContext context, string file, int line, int column, string name, List<LintFinding> findings)
    {
        if (context.Commands.Contains(name) || context.Library.Packs.Any(p => p.Name == name || p.Id.Split(':')[0] == name || PackNames.Refers(p.Id, name)))
        {
            return;
        }

        findings.Add(new LintFinding(LintSeverity.Error, "broken-reference", file, line, column, $"no plugin of the marketplace has a command or pack '/{name}' (commands/{name}.md)"));
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

    [GeneratedRegex(@"^(?<plugin>[a-z0-9]+(?:-[a-z0-9]+)+):(?<name>[a-z0-9]+(?:-[a-z0-9]+)*)$")]
    private static partial Regex QualifiedName();

    // A slash command of two words or more: one word is as often a path or a host's own command.
    [GeneratedRegex(@"^/(?<name>[a-z0-9]+(?:-[a-z0-9]+)+)$")]
    private static partial Regex SlashCommand();

    [GeneratedRegex(@"^(?:(?<pack>[a-z0-9][a-z0-9:-]*)/)?(?<sheet>[a-z0-9][a-z0-9-]*)(?<md>\.md)?$")]
    private static partial Regex SheetReference();

    // A claim about a pack's size, not a remark about some of its sheets ("all three sheets"):
    // "exactly 10 sheets", "10 reference sheets", "(10 sheets …", "contains 10 sheets".
    [GeneratedRegex(@"(?:\bexactly\s+|\(\s*|\b(?:contains|has|ships|includes|holds)\s+)(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:reference\s+)?sheets\b|\b(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+reference\s+sheets\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountClaim();
}
