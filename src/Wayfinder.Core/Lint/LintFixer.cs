using System.Globalization;
using System.Text;

namespace Wayfinder.Lint;

/// <summary>One file's mechanical fixes: its text before and after, and the unified diff between them.</summary>
public sealed record FixedFile(string File, string Before, string After, string Diff, int Fixes);

/// <summary>
/// Applies the mechanical fixes findings carry (quoting a frontmatter
/// scalar, lengthening an outer fence): whole lines replaced, the file's line
/// endings kept. Two fixes that touch one line are not both applied; the first wins.
/// </summary>
public static class LintFixer
{
    /// <summary>The files the fixes of <paramref name="findings"/> change, with their new text and diff; nothing is written.</summary>
    public static IReadOnlyList<FixedFile> Plan(IEnumerable<LintFinding> findings, Func<string, string> read)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(read);
        var files = new List<FixedFile>();
        foreach (var group in findings.Where(f => f.Fix is not null).GroupBy(f => f.File, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var before = read(group.Key);
            var newline = before.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
            var lines = before.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            var edits = new SortedDictionary<int, string>();
            var applied = 0;
            foreach (var finding in group)
            {
                var fix = finding.Fix!;
                if (fix.Edits.Any(e => e.Line < 1 || e.Line > lines.Length || edits.ContainsKey(e.Line)))
                {
                    continue;
                }

                foreach (var edit in fix.Edits)
                {
                    edits[edit.Line] = edit.Text;
                }

                applied++;
            }

            if (applied == 0)
            {
                continue;
            }

            var after = (string[])lines.Clone();
            foreach (var (line, text) in edits)
            {
                after[line - 1] = text;
            }

            files.Add(new FixedFile(group.Key, before, string.Join(newline, after), Diff(group.Key, lines, edits), applied));
        }

        return files;
    }

    /// <summary>A unified diff of whole-line replacements, one hunk per run of adjacent lines, no context lines (<c>diff -U0</c>).</summary>
    private static string Diff(string file, string[] lines, SortedDictionary<int, string> edits)
    {
        var b = new StringBuilder();
        b.Append("--- ").Append(file).Append('\n').Append("+++ ").Append(file).Append('\n');
        var keys = edits.Keys.ToList();
        for (var i = 0; i < keys.Count;)
        {
            var j = i;
            while (j + 1 < keys.Count && keys[j + 1] == keys[j] + 1)
            {
                j++;
            }

            var count = j - i + 1;
            b.Append(CultureInfo.InvariantCulture, $"@@ -{keys[i]},{count} +{keys[i]},{count} @@\n");
            for (var k = i; k <= j; k++)
            {
                b.Append('-').Append(lines[keys[k] - 1]).Append('\n');
            }

            for (var k = i; k <= j; k++)
            {
                b.Append('+').Append(edits[keys[k]]).Append('\n');
            }

            i = j + 1;
        }

        return b.ToString();
    }
}
