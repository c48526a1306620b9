using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Library;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wayfinder.Lint;

/// <summary>
/// Frontmatter: whether it parses, what breaks when it does not (which YAML
/// rule, where, which fields are lost) and the Agent Skills standard's rules
/// on a skill's fields, each its own code.
/// </summary>
public static partial class PackLinter
{
    /// <summary>The standard's advice on a SKILL.md's length, in lines.</summary>
    public const int SkillLineAdvice = 500;

    /// <summary>The standard's advice on a SKILL.md's length, in tokens.</summary>
    public const int SkillTokenAdvice = 5000;

    /// <summary>The longest <c>compatibility</c> the standard allows.</summary>
    public const int MaxCompatibilityLength = 500;

    /// <summary>The frontmatter of a file: its YAML text, the line its first field is on, and the lines of the file.</summary>
    private sealed record RawFrontmatter(string Yaml, int FirstLine, int EndLine);

    /// <summary>The YAML between a first line of '---' and the next, or null when the file has none.</summary>
    private static RawFrontmatter? ReadFrontmatter(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || lines[0].TrimEnd() != "---")
        {
            return null;
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return new RawFrontmatter(string.Join('\n', lines.Skip(1).Take(i - 1)), 2, i + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// A file's frontmatter that does not parse: one error at the place YAML
    /// stopped, naming the rule it broke and the fields the file loses, with the
    /// fix when it is mechanical (quoting a value that holds ': ').
    /// Returns the parsed mapping when it does parse.
    /// </summary>
    private static YamlMappingNode? ParseFrontmatter(MarkdownDocument document, bool isSkill, List<LintFinding> findings)
    {
        if (ReadFrontmatter(document.SourceLines) is not { } raw)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(raw.Yaml));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException ex)
        {
            var line = raw.FirstLine + (int)ex.Start.Line - 1;
            var column = (int)ex.Start.Column;
            var fields = FieldNames(raw.Yaml);
            var lost = fields.Count == 0 ? "every field" : string.Join(", ", fields.Select(f => $"'{f}'"));
            var consequence = isSkill
                ? "the skill loses its name and description, which agents choose skills by"
                : fields.Contains("description") ? "the file still loads, but without its description" : "the file still loads, without them";
            var text = line >= 1 && line <= document.SourceLines.Length ? document.SourceLines[line - 1] : "";
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-yaml", document.Path, line, column,
                $"frontmatter is not valid YAML: {YamlRule(ex, text, column)}; {lost} {(fields.Count == 1 ? "is" : "are")} lost: {consequence}")
            {
                Fix = QuoteScalar(text) is { } quoted ? new LintFix("quote the value", [new LineEdit(line, quoted)]) : null,
            });
            return null;
        }
    }

    /// <summary>Which YAML rule a parse error broke, in a pack author's words.</summary>
    private static string YamlRule(YamlException ex, string line, int column)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var field = FieldLine().Match(line) is { Success: true } m ? m.Groups["key"].Value : null;
        if (message.Contains("invalid mapping", StringComparison.Ordinal) || message.Contains("Mapping values are not allowed", StringComparison.Ordinal))
        {
            return field is null
                ? string.Create(CultureInfo.InvariantCulture, $"a ': ' at column {column} starts a second key inside an unquoted value; quote the value")
                : string.Create(CultureInfo.InvariantCulture, $"the unquoted value of '{field}' holds ': ' (column {column}), which YAML reads as a second key; quote the value");
        }

        if (message.Contains("cannot start any token", StringComparison.Ordinal))
        {
            return string.Create(CultureInfo.InvariantCulture, $"a value may not start with the character at column {column} unless it is quoted");
        }

        if (message.Contains("quoted scalar", StringComparison.Ordinal))
        {
            return "a quoted value is never closed";
        }

        return message.TrimEnd('.');
    }

    /// <summary>The top-level field names of frontmatter text, read line by line: what a parse failure loses.</summary>
    private static List<string> FieldNames(string yaml) =>
        [.. yaml.Split('\n').Select(l => FieldLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["key"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary><c>key: value</c> with the value double-quoted, when the value is a plain one-line scalar; else null.</summary>
    internal static string? QuoteScalar(string line)
    {
        if (FieldLine().Match(line) is not { Success: true } m)
        {
            return null;
        }

        var value = m.Groups["value"].Value.Trim();
        if (value.Length == 0 || value[0] is '"' or '\'' or '|' or '>' or '[' or '{' or '&' or '*' or '!')
        {
            return null;
        }

        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"{m.Groups["key"].Value}: \"{escaped}\"";
    }

    /// <summary>The Agent Skills standard's rules on a skill's frontmatter fields, each its own code, at the field's line.</summary>
    private static void SkillFields(MarkdownPack pack, MarkdownDocument router, YamlMappingNode? map, List<LintFinding> findings)
    {
        var file = pack.SkillFile;
        if (ReadFrontmatter(router.SourceLines) is not { } raw)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "frontmatter-missing", file, 1, 1, "no YAML frontmatter: a skill needs 'name' and 'description' between '---' lines at the top"));
            return;
        }

        if (map is null)
        {
            // It did not parse: frontmatter-yaml said so, and there are no fields to check.
            return;
        }

        (YamlNode? Node, int Line) Field(string key)
        {
            foreach (var (k, v) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && name == key)
                {
                    return (v, raw.FirstLine + (int)k.Start.Line - 1);
                }
            }

            return (null, raw.FirstLine);
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(file)) ?? "";
        var (nameNode, nameLine) = Field("name");
        var name = (nameNode as YamlScalarNode)?.Value ?? "";
        if (name.Length is 0 or > MaxNameLength)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "name-length", file, nameLine, 1,
                string.Create(CultureInfo.InvariantCulture, $"name is {name.Length} characters; it must be 1 to {MaxNameLength}")));
        }

        if (name.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "name-characters", file, nameLine, 1, $"name '{name}' may hold only lowercase letters, digits and hyphens"));
        }

        if (name.StartsWith('-') || name.EndsWith('-') || name.Contains("--", StringComparison.Ordinal))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "name-hyphens", file, nameLine, 1, $"name '{name}' must not start or end with a hyphen or hold two in a row"));
        }

        if (name.Length > 0 && name != folder)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "name-folder", file, nameLine, 1, $"name '{name}' must match its folder '{folder}'"));
        }

        var (descriptionNode, descriptionLine) = Field("description");
        var description = (descriptionNode as YamlScalarNode)?.Value ?? "";
        if (string.IsNullOrWhiteSpace(description))
        {
            findings.Add(new LintFinding(LintSeverity.Error, "description-missing", file, descriptionLine, 1, "no description, or a blank one: agents choose skills by it"));
        }
        else if (description.Length > MaxDescriptionLength)
        {
            findings.Add(new LintFinding(LintSeverity.Error, "description-length", file, descriptionLine, 1,
                string.Create(CultureInfo.InvariantCulture, $"description is {description.Length} characters; the limit is {MaxDescriptionLength}")));
        }

        if (Field("compatibility") is ({ } compatibilityNode, var compatibilityLine))
        {
            var compatibility = (compatibilityNode as YamlScalarNode)?.Value;
            if (compatibility is null || compatibility.Length > MaxCompatibilityLength)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "compatibility-length", file, compatibilityLine, 1, compatibility is null
                    ? "compatibility must be a string"
                    : string.Create(CultureInfo.InvariantCulture, $"compatibility is {compatibility.Length} characters; the limit is {MaxCompatibilityLength}")));
            }
        }

        if (Field("metadata") is ({ } metadataNode, var metadataLine))
        {
            var bad = metadataNode is YamlMappingNode metadata
                ? metadata.Children.Where(kv => kv.Key is not YamlScalarNode || kv.Value is not YamlScalarNode).Select(kv => (kv.Key as YamlScalarNode)?.Value ?? "?").ToList()
                : null;
            if (bad is null || bad.Count > 0)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "metadata-type", file, metadataLine, 1, bad is null
                    ? "metadata must be a map of strings to strings"
                    : $"metadata must map strings to strings; {string.Join(", ", bad.Select(b => $"'{b}'"))} {(bad.Count == 1 ? "is" : "are")} not a string"));
            }
        }
    }

    /// <summary>The standard's size advice for a SKILL.md: under 500 lines and about 5,000 tokens (o200k), a warning past either.</summary>
    private static void SkillSize(MarkdownPack pack, Context.TokenCounter counter, List<LintFinding> findings)
    {
        var lines = pack.RouterText.Split('\n').Length - (pack.RouterText.EndsWith('\n') ? 1 : 0);
        var tokens = counter.Count(pack.RouterText);
        if (lines > SkillLineAdvice || tokens > SkillTokenAdvice)
        {
            findings.Add(new LintFinding(LintSeverity.Warning, "skill-size", pack.SkillFile, Math.Min(lines, SkillLineAdvice + 1), 1,
                string.Create(CultureInfo.InvariantCulture, $"SKILL.md is {lines} lines and about {tokens:N0} tokens; the standard advises under {SkillLineAdvice} lines and {SkillTokenAdvice:N0} tokens: move detail into the sheets it names")));
        }
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(?<value>.*))?$")]
    private static partial Regex FieldLine();
}
