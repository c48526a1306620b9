using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Text;

namespace Wayfinder.Context;

/// <summary>One section handed to the reader: where it is, how long, and its text.</summary>
public sealed record ContextSection(
    string Pack,
    string Sheet,
    string HeadingPath,
    string File,
    int StartLine,
    int EndLine,
    int Tokens,
    string Text);

/// <summary>The sections chosen for a question under a token budget, in route order.</summary>
/// <param name="Decision">The routing decision the sections follow.</param>
/// <param name="Budget">The budget, in tokens.</param>
/// <param name="Tokens">The tokens used by the sections.</param>
/// <param name="Encoding">The tokenizer's encoding (o200k_base).</param>
/// <param name="Sections">The sections, in route order and, within a sheet, in the sheet's order.</param>
/// <param name="Missing">Destinations of the route whose sheets are not loaded.</param>
public sealed record ContextResult(
    Decision Decision,
    int Budget,
    int Tokens,
    string Encoding,
    ImmutableArray<ContextSection> Sections,
    ImmutableArray<string> Missing);

/// <summary>
/// Picks the sections of the routed sheets that best answer a question and
/// packs them under a token budget: whole Markdown sections only (never cut in
/// a code block), each destination in turn taking its next best section that
/// still fits, so the first sheet to read is not starved by a long second one.
/// A section's score is the question's words it holds, weighted by how rare
/// they are in that sheet and doubled in its headings.
/// </summary>
public static class ContextBuilder
{
    /// <summary>The default budget, in tokens.</summary>
    public const int DefaultBudget = 4000;

    public static ContextResult Build(string question, Decision decision, PackLibrary library, int budget, TokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);

        // Sorted, so that scores add up in the same order on every run.
        string[] words = [.. Words(question).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var destinations = decision.Steps.Select(s => (s.Order, Pack: s.Pack, Sheet: (string?)s.Sheet))
            .Concat(decision.Handoffs.Select(h => (h.Order, h.Pack, h.Sheet)))
            .OrderBy(d => d.Order)
            .ToList();

        var missing = ImmutableArray.CreateBuilder<string>();
        var queues = new List<Queue<(MarkdownSheet Sheet, SheetSection Section)>>();
        foreach (var (_, pack, sheet) in destinations)
        {
            var sheets = sheet is null
                ? library.FindPack(pack)?.Sheets ?? []
                : library.FindSheet(pack, sheet) is { } one ? [one] : ImmutableArray<MarkdownSheet>.Empty;
            if (sheets.IsEmpty)
            {
                missing.Add(sheet is null ? pack : $"{pack}/{sheet}");
                continue;
            }

            queues.Add(new Queue<(MarkdownSheet, SheetSection)>(Ranked(sheets, words)));
        }

        var chosen = new List<(int Destination, ContextSection Section)>();
        var used = 0;
        var progress = true;
        while (progress)
        {
            progress = false;
            for (var d = 0; d < queues.Count; d++)
            {
                while (queues[d].Count > 0)
                {
                    var (sheet, section) = queues[d].Dequeue();
                    var tokens = TokensOf(section, counter);
                    if (used + tokens > budget)
                    {
                        continue; // too long for what is left: the next best may fit
                    }

                    used += tokens;
                    chosen.Add((d, new ContextSection(sheet.Pack, sheet.Id, section.HeadingPath, sheet.File, section.StartLine, section.EndLine, tokens, section.Text)));
                    progress = true;
                    break;
                }
            }
        }

        var ordered = chosen
            .OrderBy(c => c.Destination)
            .ThenBy(c => c.Section.Sheet, StringComparer.Ordinal)
            .ThenBy(c => c.Section.StartLine)
            .Select(c => c.Section);
        return new ContextResult(decision, budget, used, TokenCounter.Encoding, [.. ordered], missing.ToImmutable());
    }

    /// <summary>The words of each section of a sheet, worked out once per sheet and kept while the sheet lives.</summary>
    private static readonly ConditionalWeakTable<MarkdownSheet, SheetWords> Index = [];

    private sealed record SheetWords(ImmutableArray<(SheetSection Section, FrozenSet<string> Body, FrozenSet<string> Head)> Sections);

    /// <summary>Token counts of sections, counted once (the count of a text never changes).</summary>
    private static readonly ConditionalWeakTable<SheetSection, StrongBox<int>> Counts = [];

    private static int TokensOf(SheetSection section, TokenCounter counter) =>
        Counts.GetValue(section, s => new StrongBox<int>(counter.Count(s.Text))).Value;

    private static SheetWords WordsOf(MarkdownSheet sheet) => Index.GetValue(sheet, s => new SheetWords([..
        s.Sections
            // A heading with nothing under it before the next heading says nothing on its own.
            .Where(x => !string.IsNullOrWhiteSpace(x.Text) && !(x.Level > 0 && x.StartLine == x.EndLine))
            .Select(x => (x, Words(x.Text).ToFrozenSet(StringComparer.Ordinal), Words(x.HeadingPath).ToFrozenSet(StringComparer.Ordinal)))]));

    /// <summary>The sections of <paramref name="sheets"/>, best first; ties keep the sheets' own order.</summary>
    private static List<(MarkdownSheet, SheetSection)> Ranked(ImmutableArray<MarkdownSheet> sheets, string[] words)
    {
        var all = sheets.SelectMany(s => WordsOf(s).Sections.Select(x => (Sheet: s, x.Section, x.Body, x.Head))).ToList();
        var frequency = new int[words.Length];
        for (var w = 0; w < words.Length; w++)
        {
            foreach (var x in all)
            {
                frequency[w] += x.Body.Contains(words[w]) ? 1 : 0;
            }
        }

        var scored = new List<(double Score, int Index)>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var score = 0.0;
            for (var w = 0; w < words.Length; w++)
            {
                if (frequency[w] == 0)
                {
                    continue;
                }

                var idf = Math.Log(1 + ((all.Count - frequency[w] + 0.5) / (frequency[w] + 0.5)));
                score += (all[i].Body.Contains(words[w]) ? idf : 0) + (all[i].Head.Contains(words[w]) ? idf : 0);
            }

            scored.Add((score, i));
        }

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Select(s => (all[s.Index].Sheet, all[s.Index].Section))];
    }

    private static IEnumerable<string> Words(string text) =>
        TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => w.Length > 2 && !Common.Contains(w));

    private static readonly FrozenSet<string> Common = new[]
    {
        "the", "and", "for", "with", "our", "you", "your", "how", "what", "when", "why", "are", "was", "can", "does", "this",
        "that", "from", "have", "has", "not", "but", "into", "they", "them", "there", "which", "would", "should", "could",
        "about", "just", "get", "use", "using", "any", "all", "some", "more", "most", "very", "too", "its", "will", "out",
    }.ToFrozenSet(StringComparer.Ordinal);
}
