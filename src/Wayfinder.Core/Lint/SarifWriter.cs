using System.Text;
using System.Text.Json;

namespace Wayfinder.Lint;

/// <summary>
/// Findings as SARIF 2.1.0, the way GitHub code scanning reads it: one run,
/// the tool's rules with their default levels, and each result at its
/// physical location, the file's path relative to the base folder given.
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF version written.</summary>
    public const string Version = "2.1.0";

    /// <summary>The schema the document names.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes <paramref name="findings"/>, with file paths made relative to <paramref name="baseDirectory"/> (the repository's root, for code scanning).</summary>
    public static string Write(IReadOnlyList<LintFinding> findings, string baseDirectory, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var root = Path.GetFullPath(baseDirectory);
        var rules = LintRules.All;
        var index = rules.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", Schema);
            json.WriteString("version", Version);
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "wayfinder");
            json.WriteString("version", toolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", Name(rule.Code));
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteStartObject("fullDescription");
                json.WriteString("text", rule.Help);
                json.WriteEndObject();
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", rule.Severity);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteString("uri", new Uri(root.EndsWith('/') ? root : root + "/").AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", finding.Code);
                json.WriteNumber("ruleIndex", index[finding.Code]);
                json.WriteString("level", finding.Severity);
                json.WriteStartObject("message");
                json.WriteString("text", finding.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                if (Relative(root, finding.File) is { } relative)
                {
                    json.WriteString("uri", relative);
                    json.WriteString("uriBaseId", "SRCROOT");
                }
                else
                {
                    // A file outside the base folder is named by its absolute URI.
                    json.WriteString("uri", new System.Uri(Path.GetFullPath(finding.File)).AbsoluteUri);
                }

                json.WriteEndObject();
                if (finding.Line > 0)
                {
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", finding.Line);
                    json.WriteNumber("startColumn", Math.Max(1, finding.Column));
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A file's path relative to the base folder, with forward slashes and each segment escaped; null when the file is outside it.</summary>
    private static string? Relative(string root, string file)
    {
        var relative = Path.GetRelativePath(root, Path.GetFullPath(file)).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative)
            ? null
            : string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }

    /// <summary>A rule's code as the PascalCase name SARIF viewers show ("nested-fence" is "NestedFence").</summary>
    private static string Name(string code) =>
        string.Concat(code.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
}
