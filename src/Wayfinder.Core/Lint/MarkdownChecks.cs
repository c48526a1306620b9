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
    /// <summary>"exactly 10 sheets" and its kind, outside code: a claim the files must bear out.</summary>
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
                if (claimed != subject.Sheets.Length)
                {
                    findings.Add(new LintFinding(LintSeverity.Error, "count-claim", pack.SkillFile, i + 1, m.Index + 1,
                        string.Create(CultureInfo.InvariantCulture, $"says {m.Value.Trim()} but '{subject.Id}' has {subject.Sheets.Length}")));
                }
            }
        }
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

    /// <summary>
    /// Code fences of a router that do not end where their author meant: what a
    /// router holds in code is not read as routes, and what it holds as prose
    /// is. (Sheets are not checked: their code is examples, read only as text.)
    /// A fence opened with
    /// an info string inside a fenced block (<c>```python</c> inside <c>```markdown</c>)
    /// is the block's content, so the next bare fence closes the outer block early
    /// and what follows is read as prose: one error, at that inner fence (the
    /// orphaned closing fence then opens a block that never closes; that is the
    /// same mistake, not another). A fence that never closes hides the rest of
    /// its file.
    /// </summary>
    private static void Fences(MarkdownDocument document, List<LintFinding> findings)
    {
        var nested = false;
        foreach (var code in document.CodeBlocks.Where(c => c.Fence.Length > 0))
        {
            var inner = code.Lines.Select((l, k) => (Line: l, At: code.Line + 1 + k)).FirstOrDefault(x => OpensFence(x.Line, code.Fence));
            if (inner.Line is not null && code.Closed)
            {
                nested = true;
                var longer = new string(code.Fence.Char, Math.Max(code.Fence.Length, FenceRun(inner.Line, code.Fence.Char)) + 1);
                findings.Add(new LintFinding(LintSeverity.Error, "nested-fence", document.Path, inner.At, 1,
                    $"a fence opened inside the code block of line {code.Line} is part of it, so the block ends at line {code.EndLine} and what follows is read as prose: open and close the outer block with {longer}"));
                continue;
            }

            if (!code.Closed && !nested)
            {
                findings.Add(new LintFinding(LintSeverity.Error, "unclosed-fence", document.Path, code.Line, 1,
                    $"the code block opened here never closes: everything after it to line {code.EndLine} is read as code"));
            }
        }
    }

    /// <summary>Whether a content line of a fenced block opens a fence of the block's kind with an info string (<c>```python</c>): the author meant to nest one.</summary>
    private static bool OpensFence(string line, (char Char, int Length) fence)
    {
        var text = line.TrimStart(' ');
        var run = FenceRun(text, fence.Char);
        return run >= fence.Length && text[run..].Trim() is { Length: > 0 } info && !info.Contains(fence.Char, StringComparison.Ordinal);
    }

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
