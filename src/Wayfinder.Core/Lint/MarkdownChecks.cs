using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Library;
using Wayfinder.Library.Inference;

namespace Wayfinder.Lint;

/// <summary>
/// The checks that read a file's Markdown structure, on the same document
/// model inference reads: what is code and what is prose, which lines list
/// symptoms, and fences that do not close where their author meant.
/// </summary>
public static partial class PackLinter
{
    /// <summary>
    /// "exactly 10 sheets" and its kind, outside code: a claim the files must
    /// bear out, in the scope it sits in. A claim holds when it counts the
    /// pack's sheets (or, on a line naming another pack, that pack's), or, in a
    /// heading, the sheets its own section names: "GitHub (5 sheets)" heads a list of five.
    /// </summary>
    private static void CountClaims(PackLibrary library, MarkdownPack pack, MarkdownDocument router, List<LintFinding> findings)
    {
        for (var i = 0; i < router.SourceLines.Length; i++)
        {
            var line = router.SourceLines[i];
            if (router.IsCode(i + 1))
            {
                continue;
            }

            foreach (Match m in CountClaim().Matches(line))
            {
                var word = m.Groups["n"].Value.ToLowerInvariant();
                var claimed = int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Array.IndexOf(Numbers, word);
                if (claimed < 0)
                {
                    continue;
                }

                // The claim is about another pack when the line names one.
                var subject = library.Packs.FirstOrDefault(p => p != pack && NamesPack(line, p)) ?? pack;
                if (claimed == subject.Sheets.Length)
                {
                    continue;
                }

                // A heading's claim counts its own section ("GitHub (5 sheets)"); a claim in prose counts the skill.
                var section = subject == pack && router.Headings.Any(h => h.Line == i + 1) ? SectionSheets(router, pack, i + 1) : -1;
                if (claimed == section)
                {
                    continue;
                }

                var scope = section >= 0 ? string.Create(CultureInfo.InvariantCulture, $", and its section names {section}") : "";
                findings.Add(new LintFinding(LintSeverity.Error, "count-claim", pack.SkillFile, i + 1, m.Index + 1,
                    string.Create(CultureInfo.InvariantCulture, $"says {m.Value.Trim().TrimStart('(').Trim()} but '{subject.Id}' has {subject.Sheets.Length}{scope}")));
            }
        }
    }

    /// <summary>
    /// How many of the pack's sheets the section headed at <paramref name="line"/>
    /// names: from its heading to the next heading of the same level or above.
    /// </summary>
    private static int SectionSheets(MarkdownDocument router, MarkdownPack pack, int line)
    {
        var heading = router.Headings.LastOrDefault(h => h.Line <= line);
        var from = heading?.Line ?? 1;
        var to = (heading is null ? null : router.Headings.FirstOrDefault(h => h.Index > heading.Index && h.Level <= heading.Level)?.Line - 1) ?? router.SourceLines.Length;
        var text = string.Join('\n', router.SourceLines.Skip(from - 1).Take(to - from + 1));
        return pack.Sheets.Count(s => PackNames.Mentions(text, s.Id));
    }

    /// <summary>
    /// Symptom phrases listed under two headings ("**Symptoms**: "a", "b"" in
    /// two concerns' blocks): an ambiguity the router will have to resolve by
    /// asking. A warning, at the second listing. A symptoms line is what
    /// inference reads as one (<see cref="Labels.Symptoms"/>).
    /// </summary>
    private static void SymptomOverlaps(MarkdownPack pack, MarkdownDocument router, List<LintFinding> findings)
    {
        var claimed = new Dictionary<string, (string Heading, int Line)>(StringComparer.OrdinalIgnoreCase);
        var heading = "";
        foreach (var block in router.Blocks)
        {
            if (block is MarkdownHeading h)
            {
                heading = h.Title;
                continue;
            }

            foreach (var line in TextLine.Of([block]).Where(l => Labels.Is(l.Plain, Labels.Symptoms)))
            {
                var end = line.Start + line.Plain.Length;
                foreach (var quote in line.Text.Quotes.Where(q => q.Start > line.Start && q.Start <= end))
                {
                    var phrase = quote.Text.Trim();
                    if (claimed.TryGetValue(phrase, out var first) && first.Heading != heading)
                    {
                        findings.Add(new LintFinding(LintSeverity.Warning, "symptom-overlap", pack.SkillFile, quote.Line, quote.Column,
                            string.Create(CultureInfo.InvariantCulture, $"symptom \"{phrase}\" is also claimed under '{first.Heading}' (line {first.Line}): the router will have to ask")));
                    }
                    else
                    {
                        claimed.TryAdd(phrase, (heading, quote.Line));
                    }
                }
            }
        }
    }

    /// <summary>Line ranges a file's author meant as code but Markdown reads as prose: what lint must not check as links or names.</summary>
    private sealed class Misread
    {
        private readonly List<(int From, int To)> _ranges = [];

        public void Add(int from, int to) => _ranges.Add((from, to));

        public bool Contains(int line) => _ranges.Exists(r => line >= r.From && line <= r.To);
    }

    /// <summary>
    /// Code fences that do not end where their author meant. A fence opened
    /// with an info string inside a fenced block (<c>```python</c> inside
    /// <c>```markdown</c>) is the block's content, so the next bare fence closes
    /// the outer block early and what follows is read as prose: one error, at
    /// that inner fence, with the fix (lengthen the outer block's fences). The
    /// lines from the early end to where the author meant the block to end
    /// are returned: links and names there are the example's, not the pack's.
    /// (The orphaned closing fence then opens a block that never closes; that
    /// is the same mistake, not another.) A fence that never closes hides the
    /// rest of its file.
    /// </summary>
    private static Misread Fences(MarkdownDocument document, List<LintFinding> findings)
    {
        var misread = new Misread();
        var lines = document.SourceLines;
        var i = 0;
        while (i < lines.Length)
        {
            // Read as its author wrote it: a fence opens a block; inside, a fence with an info string opens a nested one and a bare fence closes the innermost.
            var text = lines[i].TrimStart(' ');
            var fenceChar = text.Length > 0 && text[0] is '`' or '~' ? text[0] : '\0';
            var run = fenceChar == '\0' ? 0 : FenceRun(text, fenceChar);
            if (run < 3 || document.Blocks.Any(b => b is MarkdownCodeBlock { Fence.Length: 0 } c && i + 1 >= c.Line && i + 1 <= c.EndLine))
            {
                i++;
                continue;
            }

            var open = i + 1;
            var depth = 0;
            int? firstInner = null;
            int? earlyEnd = null;
            int? meant = null;
            var longest = run;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var inner = lines[j].TrimStart(' ');
                var innerRun = FenceRun(inner, fenceChar);
                if (innerRun < run)
                {
                    continue;
                }

                longest = Math.Max(longest, innerRun);
                if (inner[innerRun..].Trim().Length > 0)
                {
                    firstInner ??= j + 1;
                    depth++;
                }
                else
                {
                    earlyEnd ??= j + 1;
                    if (depth == 0)
                    {
                        meant = j + 1;
                        break;
                    }

                    depth--;
                }
            }

            if (firstInner is { } at && earlyEnd is { } end && end > at)
            {
                var longer = new string(fenceChar, longest + 1);
                misread.Add(end, meant ?? lines.Length);
                var where = meant is { } close
                    ? close > end + 1
                        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the block ends at line {end} instead of line {close}, and lines {end + 1}-{close - 1} are read as prose")
                        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the block ends at line {end} instead of line {close}, whose fence then opens a block of its own")
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the block ends at line {end}, and what follows is read as prose");
                findings.Add(new LintFinding(LintSeverity.Error, "nested-fence", document.Path, at, 1,
                    $"a fence opened inside the code block of line {open} is part of it, so {where}: open and close the outer block with {longer}")
                {
                    Fix = meant is { } last
                        ? new LintFix($"lengthen the fences of lines {open} and {last} to {longer}", [
                            new LineEdit(open, Lengthen(lines[open - 1], fenceChar, longer.Length)),
                            new LineEdit(last, Lengthen(lines[last - 1], fenceChar, longer.Length))])
                        : null,
                });
            }
            else if (meant is null && earlyEnd is null)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unclosed-fence", document.Path, open, 1,
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the code block opened here never closes: everything after it to line {lines.Length} is read as code")));
            }

            // Go on after the block as its author meant it; when it never closes as meant, after where Markdown closes it.
            i = (meant ?? earlyEnd ?? lines.Length);
        }

        return misread;
    }

    /// <summary>A fence line with its run of fence characters made <paramref name="length"/> long, indentation and info string kept.</summary>
    private static string Lengthen(string line, char fence, int length)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        var run = FenceRun(line, fence);
        return string.Concat(line.AsSpan(0, indent), new string(fence, length), line.AsSpan(indent + run));
    }

    /// <summary>How many fence characters a line starts with, after its indentation.</summary>
    private static int FenceRun(string line, char fence)
    {
        var text = line.TrimStart(' ');
        var run = 0;
        while (run < text.Length && text[run] == fence)
        {
            run++;
        }

        return run;
    }
}
