using System.Text.RegularExpressions;

namespace Wayfinder.Specs;

/// <summary>
/// Reads the Markdown specification files: every fenced <c>case</c> block is a
/// case, named by the <c>###</c> heading above it (see Specs/FORMAT.md).
/// </summary>
public static partial class SpecFile
{
    public static readonly string[] Keys =
        ["query", "answers", "status", "steps", "handoffs", "order", "ask", "options", "advisories", "no-advisories"];

    private static readonly Lazy<SpecSet> All = new(() => Read(Path.Combine(AppContext.BaseDirectory, "Specs")));

    public static SpecSet Load() => All.Value;

    public static SpecSet Read(string folder)
    {
        var cases = new List<SpecCase>();
        var problems = new List<string>();
        var coverage = new List<(string File, int Line, string Id)>();
        foreach (var path in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file == "FORMAT.md")
            {
                continue;
            }

            ReadFile(file, File.ReadAllLines(path), cases, problems, coverage);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (!ids.Add(c.Id))
            {
                problems.Add($"{c.File}:{c.Line}: case id '{c.Id}' is used twice");
            }
        }

        foreach (var (file, line, id) in coverage)
        {
            if (!ids.Contains(id))
            {
                problems.Add($"{file}:{line}: the coverage table names '{id}', which is not a case");
            }
        }

        return new SpecSet(cases, problems, coverage.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
    }

    private static void ReadFile(string file, string[] lines, List<SpecCase> cases, List<string> problems, List<(string, int, string)> coverage)
    {
        string? id = null, title = null, source = null;
        var inCoverage = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inCoverage = line.Contains("Coverage", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (inCoverage && line.StartsWith('|'))
            {
                var cells = line.Split('|');
                if (cells.Length > 2 && !line.Contains("---", StringComparison.Ordinal))
                {
                    foreach (Match m in CaseIdPattern().Matches(cells[^2]))
                    {
                        coverage.Add((file, i + 1, m.Value));
                    }
                }

                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                var heading = line[4..].Trim();
                var space = heading.IndexOf(' ', StringComparison.Ordinal);
                id = space < 0 ? heading : heading[..space];
                title = space < 0 ? "" : heading[(space + 1)..].Trim();
                source = null;
                continue;
            }

            if (line.StartsWith("Source:", StringComparison.Ordinal))
            {
                source = line["Source:".Length..].Trim();
                continue;
            }

            if (line.Trim() != "```case")
            {
                continue;
            }

            var start = i + 1;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                var body = lines[i].Trim();
                if (body.Length == 0 || body.StartsWith('#'))
                {
                    continue;
                }

                var colon = body.IndexOf(':', StringComparison.Ordinal);
                var key = colon < 0 ? body : body[..colon].Trim();
                if (colon < 0 || !Keys.Contains(key))
                {
                    problems.Add($"{file}:{i + 1}: '{body}' is not a known 'key: value' line");
                    continue;
                }

                if (!fields.TryAdd(key, body[(colon + 1)..].Trim()))
                {
                    problems.Add($"{file}:{i + 1}: '{key}' is given twice");
                }
            }

            if (id is null)
            {
                problems.Add($"{file}:{start}: a case block with no ### heading above it");
                continue;
            }

            foreach (var required in new[] { "query", "status" })
            {
                if (!fields.ContainsKey(required))
                {
                    problems.Add($"{file}:{start}: case '{id}' has no '{required}'");
                }
            }

            if (source is null)
            {
                problems.Add($"{file}:{start}: case '{id}' has no 'Source:' line");
            }

            if (fields.ContainsKey("query") && fields.ContainsKey("status"))
            {
                cases.Add(new SpecCase(id, title ?? "", source ?? "", file, start, fields));
            }

            id = null;
        }
    }

    [GeneratedRegex(@"\b[a-z][a-z0-9]*-\d+[a-z]?\b")]
    private static partial Regex CaseIdPattern();
}

/// <summary>All cases, the problems found reading them, and the ids the coverage tables name.</summary>
public sealed record SpecSet(IReadOnlyList<SpecCase> Cases, IReadOnlyList<string> Problems, IReadOnlySet<string> Covered);
