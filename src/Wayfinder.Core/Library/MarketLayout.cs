using System.Text.Json;
using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// The layouts a folder of packs comes in, as the ecosystem lays them out:
/// <list type="bullet">
/// <item>a marketplace: <c>.claude-plugin/marketplace.json</c> lists plugins and their <c>source</c> folders;</item>
/// <item>a plugin: the folder holds <c>skills/SKILL/SKILL.md</c> (and its <c>.claude-plugin/plugin.json</c>);</item>
/// <item>a bare folder of plugins: <c>PLUGIN/skills/SKILL/SKILL.md</c> below it;</item>
/// <item>a project's plain skill folders: <c>.claude/skills/</c>, <c>.agents/skills/</c>, <c>.github/skills/</c>.</item>
/// </list>
/// Every folder named stays inside the marketplace's root; one that leaves it,
/// or an entry that cannot be read, is a diagnostic and the others still load.
/// </summary>
/// <summary>A plugin folder, or a plain skill folder of a project: what loads, and is cached, as one.</summary>
/// <param name="Root">Its real path: nothing of it is read outside.</param>
/// <param name="Name">Its name: the plugin's folder, or the skill's.</param>
/// <param name="Description">What the marketplace's entry says of the plugin.</param>
/// <param name="Plugin">A plugin (skills under <c>skills/</c>), or a skill folder alone.</param>
internal sealed record MarketUnit(string Root, string Name, string Description, bool Plugin);

internal static class MarketLayout
{
    /// <summary>
    /// The units a marketplace root loads as, in order: each plugin (its
    /// skills are its packs), then each plain skill folder of a project.
    /// A unit is what the cache keeps and compiles again as one.
    /// </summary>
    public static List<MarketUnit> Units(string market, List<PackDiagnostic> diagnostics)
    {
        List<MarketUnit> units = [.. Plugins(market, diagnostics).Select(p => new MarketUnit(p.Root, p.Name, p.Description, Plugin: true))];
        units.AddRange(ProjectSkills(market, diagnostics).Select(s => new MarketUnit(s, Path.GetFileName(s), "", Plugin: false)));
        return units;
    }

    /// <summary>Where a marketplace lists its plugins.</summary>
    public const string Manifest = ".claude-plugin/marketplace.json";

    /// <summary>Where a plugin says what it is.</summary>
    public const string PluginManifest = ".claude-plugin/plugin.json";

    /// <summary>Where a project keeps plain skill folders.</summary>
    public static readonly string[] ProjectSkillFolders = [".claude/skills", ".agents/skills", ".github/skills"];

    /// <summary>The plugins of a marketplace root: (real root, name, what its marketplace entry says of it).</summary>
    public static List<(string Root, string Name, string Description)> Plugins(string market, List<PackDiagnostic> diagnostics)
    {
        var manifest = Path.Join(market, Manifest);
        if (File.Exists(manifest) || new FileInfo(manifest).LinkTarget is not null)
        {
            return Listed(market, manifest, diagnostics);
        }

        if (Directory.Exists(Path.Join(market, "skills")))
        {
            return [(market, Path.GetFileName(market), "")];
        }

        var plugins = new List<(string, string, string)>();
        foreach (var dir in PackLibrary.Folders(market, diagnostics))
        {
            // Every folder is checked before it is looked into: one that leads outside is said, whatever it holds.
            // Hidden folders (.claude, .github, ...) are a project's, read for their skill folders below.
            if (!Path.GetFileName(dir).StartsWith('.') && PackFiles.Folder(market, dir, diagnostics) is { } root && Directory.Exists(Path.Join(root, "skills")))
            {
                plugins.Add((root, Path.GetFileName(dir), ""));
            }
        }

        return plugins;
    }

    /// <summary>The plain skill folders (holding SKILL.md) of a project's skill folders.</summary>
    public static List<string> ProjectSkills(string project, List<PackDiagnostic> diagnostics)
    {
        var skills = new List<string>();
        foreach (var relative in ProjectSkillFolders)
        {
            var folder = Path.Join(project, relative);
            if (!Directory.Exists(folder) || PackFiles.Folder(project, folder, diagnostics) is not { } real)
            {
                continue;
            }

            foreach (var dir in PackLibrary.Folders(real, diagnostics))
            {
                if ((File.Exists(Path.Join(dir, "SKILL.md")) || new FileInfo(Path.Join(dir, "SKILL.md")).LinkTarget is not null)
                    && PackFiles.Folder(project, dir, diagnostics) is { } skill)
                {
                    skills.Add(skill);
                }
            }
        }

        return skills;
    }

    /// <summary>The description in a plugin's <c>.claude-plugin/plugin.json</c>; empty when it has none.</summary>
    public static string PluginDescription(string root, List<PackDiagnostic> diagnostics)
    {
        var file = Path.Join(root, PluginManifest);
        if (!File.Exists(file) || PackFiles.ReadText(root, file, diagnostics) is not { } json)
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("description", out var description)
                && description.ValueKind == JsonValueKind.String
                ? description.GetString() ?? ""
                : "";
        }
        catch (JsonException ex)
        {
            diagnostics.Add(new PackDiagnostic(file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"not JSON: {FirstSentence(ex.Message)}"));
            return "";
        }
    }

    private static List<(string Root, string Name, string Description)> Listed(string market, string manifest, List<PackDiagnostic> diagnostics)
    {
        var plugins = new List<(string, string, string)>();
        if (PackFiles.ReadText(market, manifest, diagnostics) is not { } json)
        {
            return plugins;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            diagnostics.Add(new PackDiagnostic(manifest, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"not JSON: {FirstSentence(ex.Message)}"));
            return plugins;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("plugins", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                diagnostics.Add(new PackDiagnostic(manifest, 1, 1, "has no \"plugins\" array: no plugin listed"));
                return plugins;
            }

            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                index++;
                var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
                var where = name.Length > 0 ? $"plugin '{name}'" : $"plugin {index}";
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("source", out var source))
                {
                    diagnostics.Add(new PackDiagnostic(manifest, 1, 1, $"{where} has no \"source\": skipped"));
                    continue;
                }

                if (source.ValueKind != JsonValueKind.String)
                {
                    diagnostics.Add(new PackDiagnostic(manifest, 1, 1, $"{where}: its source is not a folder of this marketplace (a remote source is not fetched): skipped"));
                    continue;
                }

                var path = Path.GetFullPath(Path.Join(market, source.GetString()));
                if (!PackFiles.IsInside(market, path))
                {
                    diagnostics.Add(new PackDiagnostic(manifest, 1, 1, $"{where}: source '{source.GetString()}' is outside the marketplace: skipped"));
                    continue;
                }

                if (!Directory.Exists(path))
                {
                    diagnostics.Add(new PackDiagnostic(manifest, 1, 1, $"{where}: source '{source.GetString()}' is not a folder: skipped"));
                    continue;
                }

                if (PackFiles.Folder(market, path, diagnostics) is not { } root)
                {
                    continue;
                }

                var description = entry.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "";
                plugins.Add((root, Path.GetFileName(root), description));
            }
        }

        return plugins;
    }


    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
}
