using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Wayfinder.Library;
using Wayfinder.Marketplace;

namespace Wayfinder.Context;

/// <summary>
/// BM25 over every section of every loaded sheet, the heading path counted
/// twice: what a section says about a question, whichever sheet it is in.
/// Built once per library, on first use, and kept while the library lives.
/// The context builder ranks with it, and <c>eval --context</c> searches with
/// it as the plain-search baseline.
/// </summary>
public sealed class SectionIndex
{
    /// <summary>A word of a multi-line question's first line (an issue's title) weighs this much, as in routing across packs.</summary>
    internal const double TitleWeight = MarketRouter.TitleWeight;

    private static readonly ConditionalWeakTable<PackLibrary, SectionIndex> Built = [];

    private readonly Vocabulary _words;
    private readonly Bm25Index _index;

    private SectionIndex(PackLibrary library)
    {
        var sections = new List<(MarkdownSheet, SheetSection)>();
        var sheetOf = new List<int>();
        var documents = new List<List<int>>();
        _words = new Vocabulary();
        var sheets = library.Packs.SelectMany(p => p.Sheets).ToList();
        for (var ordinal = 0; ordinal < sheets.Count; ordinal++)
        {
            var sheet = sheets[ordinal];
            foreach (var section in sheet.Sections)
            {
                // A heading with nothing under it before the next heading says nothing on its own.
                if (string.IsNullOrWhiteSpace(section.Text) || (section.Level > 0 && section.StartLine == section.EndLine))
                {
                    continue;
                }

                var words = new List<int>();
                _words.Add(section.HeadingPath, words);
                _words.Add(section.HeadingPath, words);
                _words.Add(section.Text, words);
                documents.Add(words);
                sections.Add((sheet, section));
                sheetOf.Add(ordinal);
            }
        }

        Sections = [.. sections];
        SheetOf = [.. sheetOf];
        SheetCount = sheets.Count;
        _ordinals = new Dictionary<MarkdownSheet, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < sheets.Count; i++)
        {
            _ordinals.TryAdd(sheets[i], i);
        }

        _index = new Bm25Index(documents, _words.Count, Bm25Index.StandardB);
    }

    /// <summary>The sections indexed, in the library's order of packs, sheets and sections.</summary>
    public ImmutableArray<(MarkdownSheet Sheet, SheetSection Section)> Sections { get; }

    /// <summary>For each section, the ordinal of its sheet among the library's sheets.</summary>
    public ImmutableArray<int> SheetOf { get; }

    /// <summary>How many sheets the library holds.</summary>
    public int SheetCount { get; }

    private readonly Dictionary<MarkdownSheet, int> _ordinals;

    /// <summary>The ordinal of a loaded sheet, or -1 for one this index does not hold.</summary>
    public int OrdinalOf(MarkdownSheet sheet) => _ordinals.TryGetValue(sheet, out var i) ? i : -1;

    /// <summary>The index of <paramref name="library"/>, built on first use.</summary>
    public static SectionIndex Of(PackLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        return Built.GetValue(library, l => new SectionIndex(l));
    }

    /// <summary>Each section's BM25 score for <paramref name="question"/>, in <see cref="Sections"/>' order.</summary>
    public double[] Score(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var scores = new double[Sections.Length];
        var ids = _words.Find(question);
        _index.Score(ids, _words.Weights(question, ids, TitleWeight), scores);
        return scores;
    }

    /// <summary>Plain search: the best sections first, each that still fits, until the budget is spent.</summary>
    public ImmutableArray<ContextSection> Search(string question, int budget, TokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var scores = Score(question);
        var order = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).OrderByDescending(i => scores[i]).ThenBy(i => i);
        var chosen = ImmutableArray.CreateBuilder<ContextSection>();
        var used = 0;
        foreach (var i in order)
        {
            var (sheet, section) = Sections[i];
            var tokens = ContextBuilder.TokensOf(section, counter);
            if (used + tokens <= budget)
            {
                used += tokens;
                chosen.Add(ContextBuilder.Section(sheet, section, tokens));
            }
        }

        return chosen.ToImmutable();
    }
}
