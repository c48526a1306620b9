using System.Collections.Immutable;
using System.Diagnostics;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// The skill packs loaded from disk: skill folders (<c>--pack DIR</c>, a
/// folder holding SKILL.md) and marketplaces (<c>--packs DIR</c>, every
/// <c>*/skills/*/SKILL.md</c> below it). Sheets are the Markdown files beside
/// their SKILL.md. Nothing outside a pack's root is read; every problem is a
/// diagnostic with its file and line, and the other packs still load.
/// Immutable once loaded; share it across threads.
/// </summary>
public sealed class PackLibrary
{
    private PackLibrary(ImmutableArray<MarkdownPack> packs, ImmutableArray<PackDiagnostic> diagnostics)
    {
        Packs = packs;
        Diagnostics = diagnostics;
    }

    /// <summary>No pack at all.</summary>
    public static PackLibrary Empty { get; } = new([], []);

    /// <summary>The packs that loaded, in a fixed order.</summary>
    public ImmutableArray<MarkdownPack> Packs { get; }

    /// <summary>What could not be loaded, with file and line; the rest still loaded.</summary>
    public ImmutableArray<PackDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Loads skill folders and marketplaces. <paramref name="progress"/>, when
    /// given, hears how far a load has got once it has taken over a second.
    /// A pack given twice (the same folder, or two folders with one name) is
    /// loaded once: the first given wins, in the order of the arguments, skill
    /// folders before marketplaces, and the other copy is a diagnostic.
    /// </summary>
    public static PackLibrary Load(IEnumerable<string> skillFolders, IEnumerable<string> marketplaces, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(skillFolders);
        ArgumentNullException.ThrowIfNull(marketplaces);
        var diagnostics = new List<PackDiagnostic>();
        var packs = new List<MarkdownPack>();
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;

        void Add(MarkdownPack? pack)
        {
            if (pack is null)
            {
                return;
            }

            if (packs.Find(p => p.Id == pack.Id) is { } first)
            {
                if (first.SkillFile != pack.SkillFile)
                {
                    diagnostics.Add(new PackDiagnostic(pack.SkillFile, 1, 1, $"pack '{pack.Id}' is loaded already from {first.SkillFile}; this copy is ignored"));
                }

                return;
            }

            packs.Add(pack);
            if (progress is not null && clock.Elapsed - reported >= TimeSpan.FromSeconds(1))
            {
                reported = clock.Elapsed;
                progress.Report($"loaded {packs.Count} packs ({packs.Sum(p => p.Sheets.Length)} sheets) in {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        foreach (var folder in skillFolders)
        {
            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                diagnostics.Add(new PackDiagnostic(full, 1, 1, "no such folder"));
                continue;
            }

            var dir = new DirectoryInfo(full);
            var id = dir.Parent is { Name: "skills", Parent: { } owner } ? owner.Name : dir.Name;
            var root = PackFiles.RealRoot(full);
            Add(LoadSkill(root, root, id, diagnostics));
        }

        foreach (var folder in marketplaces)
        {
            var full = Path.GetFullPath(folder);
            if (!Directory.Exists(full))
            {
                diagnostics.Add(new PackDiagnostic(full, 1, 1, "no such folder"));
                continue;
            }

            foreach (var unit in MarketLayout.Units(PackFiles.RealRoot(full), diagnostics))
            {
                LoadUnit(unit, diagnostics, Add);
            }
        }

        diagnostics.AddRange(PackIdentity.Conflicts(packs));
        progress?.Report(clock.Elapsed >= TimeSpan.FromSeconds(1)
            ? $"loaded {packs.Count} packs ({packs.Sum(p => p.Sheets.Length)} sheets) in {clock.Elapsed.TotalSeconds:0.0} s"
            : "");
        return new PackLibrary([.. packs], [.. diagnostics]);
    }

    /// <summary>
    /// A pack by its name (<c>yzmir-llm-specialist</c>), or by a shorter name
    /// that only one loaded pack answers to: the name without its family prefix
    /// (<c>llm-specialist</c>) or its frontmatter name (<c>using-llm-specialist</c>).
    /// A short name two packs answer to finds neither (see <see cref="Ambiguity"/>),
    /// so a pack can never stand in for another by the order packs load in.
    /// </summary>
    public MarkdownPack? FindPack(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Packs.FirstOrDefault(p => p.Id == id) is { } exact)
        {
            return exact;
        }

        var candidates = Candidates(id);
        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>When <paramref name="id"/> is a short name more than one pack answers to, a sentence naming them; else null.</summary>
    public string? Ambiguity(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Packs.Any(p => p.Id == id))
        {
            return null;
        }

        var candidates = Candidates(id);
        return candidates.Count > 1
            ? $"'{id}' could be any of {string.Join(", ", candidates.Select(p => p.Id))}; name the pack in full"
            : null;
    }

    /// <summary>
    /// Whether a path the library names (its files go by their real paths) lies under
    /// <paramref name="folder"/> as a user gave it, a folder given through a symbolic link
    /// included. The folder is resolved once, here, and the test reused for every path.
    /// </summary>
    public static Func<string, bool> Under(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var given = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var real = Directory.Exists(given) ? Path.TrimEndingDirectorySeparator(PackFiles.RealRoot(given)) : given;
        return path => PackFiles.IsInside(given, path) || PackFiles.IsInside(real, path);
    }

    /// <summary>A sheet by pack (any of its names) and sheet id (with or without <c>.md</c>).</summary>
    public MarkdownSheet? FindSheet(string pack, string sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var id = sheet.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? sheet[..^3] : sheet;
        return FindPack(pack)?.Sheets.FirstOrDefault(s => s.Id == id);
    }

    private List<MarkdownPack> Candidates(string id) =>
        [.. Packs.Where(p => PackIdentity.AnswersTo(p, id))];

    /// <summary>The folders directly under <paramref name="folder"/>, by name; one that cannot be listed is a diagnostic.</summary>
    internal static List<string> Folders(string folder, List<PackDiagnostic> diagnostics)
    {
        try
        {
            return [.. Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new PackDiagnostic(folder, 1, 1, $"cannot be listed: {ex.Message}"));
            return [];
        }
    }

    /// <summary>The Markdown files directly in a skill folder, by name; one that cannot be listed is a diagnostic.</summary>
    private static List<string> MarkdownFiles(string folder, string pattern, List<PackDiagnostic> diagnostics)
    {
        try
        {
            return [.. Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new PackDiagnostic(folder, 1, 1, $"cannot be listed: {ex.Message}"));
            return [];
        }
    }

    /// <summary>The packs of one unit of a marketplace: a plugin's skills, or a plain skill folder.</summary>
    internal static void LoadUnit(MarketUnit unit, List<PackDiagnostic> diagnostics, Action<MarkdownPack?> add)
    {
        if (unit.Plugin)
        {
            LoadPlugin(unit.Root, unit.Name, unit.Description, diagnostics, add);
        }
        else
        {
            add(LoadSkill(unit.Root, unit.Root, unit.Name, diagnostics));
        }
    }

    /// <summary>One pack again, whole, from where its card says it is (its root, its SKILL.md, its name); null when it no longer loads.</summary>
    internal static MarkdownPack? Reload(MarkdownPack card, List<PackDiagnostic> diagnostics) =>
        Path.GetDirectoryName(card.SkillFile) is { } skill && LoadSkill(card.Root, skill, card.Id, diagnostics) is { } pack
            ? pack with { PluginDescription = card.PluginDescription }
            : null;

    /// <summary>
    /// One plugin: each skill folder under its <c>skills/</c>. A plugin of one
    /// skill is named after its folder; each skill of a plugin of several is
    /// <c>plugin:skill</c>. What the plugin says of itself (its
    /// <c>.claude-plugin/plugin.json</c> and its marketplace entry) is kept
    /// with each of its skills.
    /// </summary>
    private static void LoadPlugin(string root, string name, string entry, List<PackDiagnostic> diagnostics, Action<MarkdownPack?> add)
    {
        if (!Directory.Exists(Path.Join(root, "skills")) || PackFiles.Folder(root, Path.Join(root, "skills"), diagnostics) is not { } skills)
        {
            return;
        }

        var described = string.Join('\n', new[] { MarketLayout.PluginDescription(root, diagnostics), entry }.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal));
        var skillDirs = Folders(skills, diagnostics);
        foreach (var skillDir in skillDirs)
        {
            if (PackFiles.Folder(root, skillDir, diagnostics) is not { } skill)
            {
                continue;
            }

            var id = skillDirs.Count == 1 ? name : $"{name}:{Path.GetFileName(skillDir)}";
            if (LoadSkill(root, skill, id, diagnostics) is { } pack)
            {
                add(pack with { PluginDescription = described });
            }
        }
    }

    /// <summary>
    /// One skill: SKILL.md, the sheets beside it and a manifest. Each file goes
    /// through <see cref="PackFiles"/>, and whatever goes wrong in one file
    /// (a refusal, a parse error, nesting past the limit, any exception) is that
    /// file's diagnostic: a bad sheet is left out, a bad SKILL.md leaves its pack out.
    /// </summary>
    private static MarkdownPack? LoadSkill(string root, string skill, string id, List<PackDiagnostic> diagnostics)
    {
        var skillFile = Path.Join(skill, "SKILL.md");
        if (!File.Exists(skillFile) && new FileInfo(skillFile).LinkTarget is null)
        {
            diagnostics.Add(new PackDiagnostic(skillFile, 1, 1, "missing: a skill folder needs a SKILL.md"));
            return null;
        }

        if (Parse(root, skillFile, diagnostics) is not var (text, router))
        {
            return null;
        }

        var sheets = ImmutableArray.CreateBuilder<MarkdownSheet>();
        foreach (var file in MarkdownFiles(skill, "*.md", diagnostics))
        {
            if (Path.GetFileName(file) == "SKILL.md" || Parse(root, file, diagnostics) is not var (sheetText, read))
            {
                continue;
            }

            var sheetId = Path.GetFileNameWithoutExtension(file);
            var relative = Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, file).Replace('\\', '/');
            sheets.Add(new MarkdownSheet(id, sheetId, relative, file, read.Title ?? sheetId, read.Sections) { Text = sheetText });
        }

        var manifest = Manifest(root, skill, diagnostics);
        return new MarkdownPack(
            id,
            router.Frontmatter.GetValueOrDefault("name") ?? Path.GetFileName(skill),
            router.Frontmatter.GetValueOrDefault("description") ?? "",
            skillFile,
            sheets.ToImmutable(),
            text,
            router.Sections,
            manifest)
        {
            Root = root,
            Model = Model(root, skill, manifest?.Id, diagnostics),
        };
    }

    /// <summary>A Markdown file read through the door and parsed, or null with its diagnostic.</summary>
    private static (string Text, MarkdownFile File)? Parse(string root, string path, List<PackDiagnostic> diagnostics)
    {
        if (PackFiles.ReadText(root, path, diagnostics) is not { } raw)
        {
            return null;
        }

        var text = raw.ReplaceLineEndings("\n");
        try
        {
            return MarkdownReader.Read(path, text, diagnostics) is { } file ? (text, file) : null;
        }
        catch (Exception ex)
        {
            diagnostics.Add(new PackDiagnostic(path, 1, 1, $"cannot be parsed: {ex.Message}"));
            return null;
        }
    }

    /// <summary>A fitted model beside SKILL.md (<c>*.model.json</c>), read and checked; its problems are diagnostics.</summary>
    private static Scoring.RouteModel? Model(string root, string skill, string? manifestId, List<PackDiagnostic> diagnostics)
    {
        var file = MarkdownFiles(skill, "*.model.json", diagnostics).FirstOrDefault();
        if (file is null || PackFiles.ReadText(root, file, diagnostics) is not { } json)
        {
            return null;
        }

        try
        {
            var model = Scoring.RouteModel.FromJson(json, file);
            if (manifestId is not null && model.Pack != manifestId)
            {
                diagnostics.Add(new PackDiagnostic(file, 1, 1, $"fitted for pack '{model.Pack}', not this manifest's '{manifestId}': not used"));
                return null;
            }

            return model;
        }
        catch (FormatException ex)
        {
            // The message starts with the file's name; the diagnostic names it once.
            diagnostics.Add(new PackDiagnostic(file, 1, 1, ex.Message.StartsWith(file + ": ", StringComparison.Ordinal) ? ex.Message[(file.Length + 2)..] : ex.Message));
            return null;
        }
    }

    /// <summary>A routing manifest beside SKILL.md, loaded and validated; its problems are diagnostics.</summary>
    private static RoutingPack? Manifest(string root, string skill, List<PackDiagnostic> diagnostics)
    {
        var file = MarkdownFiles(skill, "*.pack.yaml", diagnostics).FirstOrDefault();
        if (file is null || PackFiles.ReadText(root, file, diagnostics) is not { } yaml)
        {
            return null;
        }

        try
        {
            return PackLoader.Load(yaml, file);
        }
        catch (PackLoadException ex)
        {
            diagnostics.AddRange(ex.Diagnostics);
            return null;
        }
        catch (Exception ex)
        {
            diagnostics.Add(new PackDiagnostic(file, 1, 1, $"cannot be loaded: {ex.Message}"));
            return null;
        }
    }
}
