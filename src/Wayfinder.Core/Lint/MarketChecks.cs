using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wayfinder.Library;

namespace Wayfinder.Lint;

/// <summary>
/// A marketplace's own files: every plugin <c>marketplace.json</c> lists
/// exists and has a valid <c>plugin.json</c>, names are unique, and the
/// counts descriptions claim ("10 reference sheets, 4 commands, 3 agents")
/// match the folders.
/// </summary>
public static partial class PackLinter
{
    private static void MarketChecks(string market, PackLibrary library, List<LintFinding> findings)
    {
        market = Path.GetFullPath(market);
        var manifest = Path.Join(market, MarketLayout.Manifest);
        if (!File.Exists(manifest) || PackFiles.ReadText(PackFiles.RealRoot(market), manifest, []) is not { } json)
        {
            // A bare folder of plugins, or one plugin: nothing lists them, so nothing to check against.
            return;
        }

        using var document = TryParse(json, manifest, "marketplace-json", findings);
        if (document is null)
        {
            return;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("plugins", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "marketplace-json", manifest, 1, 1, "has no \"plugins\" array, so it lists no plugin"));
            return;
        }

        var lines = json.Split('\n');
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var from = 0;
        var index = 0;
        foreach (var entry in list.EnumerateArray())
        {
            index++;
            var name = Text(entry, "name");
            var line = name.Length > 0 ? LineOf(lines, $"\"{name}\"", ref from) : 1;
            if (name.Length == 0)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "marketplace-json", manifest, line, 1, string.Create(CultureInfo.InvariantCulture, $"plugin {index} has no name")));
            }
            else if (names.TryGetValue(name, out var first))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "duplicate-name", manifest, line, 1,
                    string.Create(CultureInfo.InvariantCulture, $"plugin '{name}' is listed twice (first at line {first})")));
            }
            else
            {
                names[name] = line;
            }

            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String)
            {
                // A remote source is not fetched; the loader says so.
                continue;
            }

            var root = Path.GetFullPath(Path.Join(market, source.GetString()));
            if (!PackFiles.IsInside(market, root) || !Directory.Exists(root))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "plugin-missing", manifest, line, 1, $"plugin '{name}' has source '{source.GetString()}', which is no folder of the marketplace"));
                continue;
            }

            var real = PackFiles.RealRoot(root);
            var skills = library.Packs.Where(p => p.Root == real).ToList();
            if (Text(entry, "description") is { Length: > 0 } listed)
            {
                var at = line - 1;
                var descriptionLine = LineOf(lines, "\"description\"", ref at);
                Counts(manifest, descriptionLine, listed, real, skills, findings);
            }

            Plugin(real, name, skills, findings);
        }
    }

    /// <summary>A plugin's <c>.claude-plugin/plugin.json</c>: there, JSON, named as the marketplace names it, and its counts right; its skills' names unique.</summary>
    private static void Plugin(string root, string listedName, List<MarkdownPack> skills, List<LintFinding> findings)
    {
        var file = Path.Join(root, MarketLayout.PluginManifest);
        if (!File.Exists(file))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "plugin-json", root, 0, 0, $"plugin '{listedName}' has no {MarketLayout.PluginManifest}"));
        }
        else if (PackFiles.ReadText(root, file, []) is { } json)
        {
            using var document = TryParse(json, file, "plugin-json", findings);
            if (document is not null)
            {
                var lines = json.Split('\n');
                var at = 0;
                var name = document.RootElement.ValueKind == JsonValueKind.Object ? Text(document.RootElement, "name") : "";
                if (name.Length == 0)
                {
                    findings.Add(new LintFinding(LintSeverity.Error, "plugin-json", file, 1, 1, "has no \"name\""));
                }
                else if (listedName.Length > 0 && name != listedName)
                {
                    findings.Add(new LintFinding(LintSeverity.Error, "plugin-json", file, LineOf(lines, "\"name\"", ref at), 1, $"names the plugin '{name}', but marketplace.json lists it as '{listedName}'"));
                }

                if (document.RootElement.ValueKind == JsonValueKind.Object && Text(document.RootElement, "description") is { Length: > 0 } description)
                {
                    at = 0;
                    Counts(file, LineOf(lines, "\"description\"", ref at), description, root, skills, findings);
                }
            }
        }

        foreach (var group in skills.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var skill in group.Skip(1))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "duplicate-name", skill.SkillFile, 2, 1, $"skill name '{skill.Name}' is also the name of {group.First().SkillFile}"));
            }
        }
    }

    /// <summary>
    /// Counts a description claims of its plugin, against its folders: sheets
    /// (<c>N reference sheets</c>, <c>N sheets</c>), skills (a plugin may call
    /// its sheets skills, so either count holds), commands and agents.
    /// </summary>
    private static void Counts(string file, int line, string description, string root, List<MarkdownPack> skills, List<LintFinding> findings)
    {
        var sheets = skills.Sum(s => s.Sheets.Length);
        foreach (Match m in PluginCount().Matches(description))
        {
            var word = m.Groups["n"].Value.ToLowerInvariant();
            var claimed = int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Array.IndexOf(Numbers, word);
            var kind = m.Groups["kind"].Value.ToLowerInvariant();
            var (actual, holds) = kind switch
            {
                "commands" or "command" => (Files(root, "commands"), (int[])[Files(root, "commands")]),
                "agents" or "agent" => (Files(root, "agents"), [Files(root, "agents")]),
                "skills" or "skill" => (skills.Count, [skills.Count, sheets, sheets + skills.Count]),
                _ => (sheets, [sheets]),
            };
            if (claimed >= 0 && !holds.Contains(claimed))
            {
                findings.Add(new LintFinding(LintSeverity.Error, "count-claim", file, line, 1,
                    string.Create(CultureInfo.InvariantCulture, $"the description says {m.Value.Trim()}, but the plugin has {actual} {(kind.StartsWith("skill", StringComparison.Ordinal) ? "skills" : kind.TrimEnd('s') + "s")}")));
            }
        }
    }

    /// <summary>How many <c>*.md</c> files a plugin's folder holds (<c>commands</c>, <c>agents</c>), never looking outside it.</summary>
    private static int Files(string root, string kind) => PluginFiles(root, kind).Count();

    private static JsonDocument? TryParse(string json, string file, string code, List<LintFinding> findings)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            findings.Add(new LintFinding(LintSeverity.Error, code, file, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"not JSON: {ex.Message.Split(". ")[0].TrimEnd('.')}"));
            return null;
        }
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/> at or after line index <paramref name="from"/>, which moves past it.</summary>
    private static int LineOf(string[] lines, string text, ref int from)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                from = i + 1;
                return i + 1;
            }
        }

        return 1;
    }

    // "10 reference sheets", "4 commands", "3 agents", "9 skills": a count of the plugin's own files.
    [GeneratedRegex(@"\b(?<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:(?:reference|specialist)\s+)?(?<kind>sheets?|skills?|commands?|agents?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PluginCount();
}
