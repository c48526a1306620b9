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

    public ImmutableArray<MarkdownPack> Packs { get; }

    public ImmutableArray<PackDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Loads skill folders and marketplaces. <paramref name="progress"/>, when
    /// given, hears how far a load has got once it has taken over a second.
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

            if (packs.Exists(p => p.Id == pack.Id))
            {
                diagnostics.Add(new PackDiagnostic(pack.SkillFile, 1, 1, $"pack '{pack.Id}' is loaded already; this copy is ignored"));
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
            var dir = new DirectoryInfo(Path.GetFullPath(folder));
            if (!dir.Exists)
            {
                diagnostics.Add(new PackDiagnostic(dir.FullName, 1, 1, "no such folder"));
                continue;
            }

            var id = dir.Parent is { Name: "skills", Parent: { } owner } ? owner.Name : dir.Name;
            Add(LoadSkill(dir.FullName, dir, id, diagnostics));
        }

        foreach (var folder in marketplaces)
        {
            var market = new DirectoryInfo(Path.GetFullPath(folder));
            if (!market.Exists)
            {
                diagnostics.Add(new PackDiagnostic(market.FullName, 1, 1, "no such folder"));
                continue;
            }

            foreach (var packDir in market.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                var root = packDir.FullName;
                if (!SafeFile.StaysInside(market.FullName, packDir, diagnostics))
                {
                    continue;
                }

                var skills = new DirectoryInfo(Path.Combine(root, "skills"));
                if (!skills.Exists)
                {
                    continue;
                }

                if (!SafeFile.StaysInside(root, skills, diagnostics))
                {
                    continue;
                }

                var skillDirs = skills.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
                foreach (var skill in skillDirs)
                {
                    if (!SafeFile.StaysInside(root, skill, diagnostics))
                    {
                        continue;
                    }

                    var id = skillDirs.Count == 1 ? packDir.Name : $"{packDir.Name}:{skill.Name}";
                    Add(LoadSkill(root, skill, id, diagnostics));
                }
            }
        }

        progress?.Report(clock.Elapsed >= TimeSpan.FromSeconds(1)
            ? $"loaded {packs.Count} packs ({packs.Sum(p => p.Sheets.Length)} sheets) in {clock.Elapsed.TotalSeconds:0.0} s"
            : "");
        return new PackLibrary([.. packs], [.. diagnostics]);
    }

    /// <summary>
    /// A pack by any of its names: its folder name (<c>yzmir-llm-specialist</c>),
    /// the routing name inside it (<c>llm-specialist</c>: a folder name ending in
    /// <c>-llm-specialist</c>), or its frontmatter name (<c>using-llm-specialist</c>).
    /// </summary>
    public MarkdownPack? FindPack(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Packs.FirstOrDefault(p => p.Id == id)
            ?? Packs.FirstOrDefault(p => PackNames.Refers(p.Id, id))
            ?? Packs.FirstOrDefault(p => p.Name == id || p.Name == "using-" + id);
    }

    /// <summary>A sheet by pack (any of its names) and sheet id (with or without <c>.md</c>).</summary>
    public MarkdownSheet? FindSheet(string pack, string sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var id = sheet.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? sheet[..^3] : sheet;
        return FindPack(pack)?.Sheets.FirstOrDefault(s => s.Id == id);
    }

    private static MarkdownPack? LoadSkill(string root, DirectoryInfo skill, string id, List<PackDiagnostic> diagnostics)
    {
        var skillFile = new FileInfo(Path.Combine(skill.FullName, "SKILL.md"));
        if (!skillFile.Exists)
        {
            diagnostics.Add(new PackDiagnostic(skillFile.FullName, 1, 1, "missing: a skill folder needs a SKILL.md"));
            return null;
        }

        var text = SafeFile.ReadText(root, skillFile, diagnostics);
        if (text is null)
        {
            return null;
        }

        var router = MarkdownReader.Read(skillFile.FullName, text, diagnostics);
        var sheets = ImmutableArray.CreateBuilder<MarkdownSheet>();
        foreach (var file in skill.EnumerateFiles("*.md").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (file.Name == "SKILL.md" || SafeFile.ReadText(root, file, diagnostics) is not { } sheetText)
            {
                continue;
            }

            var sheetId = Path.GetFileNameWithoutExtension(file.Name);
            var read = MarkdownReader.Read(file.FullName, sheetText, diagnostics);
            var relative = Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, file.FullName).Replace('\\', '/');
            sheets.Add(new MarkdownSheet(id, sheetId, relative, file.FullName, read.Title ?? sheetId, read.Sections));
        }

        return new MarkdownPack(
            id,
            router.Frontmatter.GetValueOrDefault("name") ?? skill.Name,
            router.Frontmatter.GetValueOrDefault("description") ?? "",
            skillFile.FullName,
            sheets.ToImmutable(),
            text.ReplaceLineEndings("\n"),
            router.Sections,
            Manifest(root, skill, diagnostics));
    }

    /// <summary>A routing manifest beside SKILL.md, loaded and validated; its problems are diagnostics.</summary>
    private static RoutingPack? Manifest(string root, DirectoryInfo skill, List<PackDiagnostic> diagnostics)
    {
        var file = skill.EnumerateFiles("*.pack.yaml").OrderBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault();
        if (file is null || SafeFile.ReadText(root, file, diagnostics) is not { } yaml)
        {
            return null;
        }

        try
        {
            return PackLoader.Load(yaml, file.FullName);
        }
        catch (PackLoadException ex)
        {
            diagnostics.AddRange(ex.Diagnostics);
            return null;
        }
    }
}
