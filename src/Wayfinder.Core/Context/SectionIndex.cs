using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Wayfinder.Library;
using Wayfinder.Marketplace;

namespace Wayfinder.Context;

/// <summary>
/// BM25 over every section of every loaded sheet, the heading path counted
/// twice: what a section says about a question, whichever sheet it is in;
/// and, for the context builder, BM25 over each section's own heading.
/// Built once per library, on first use, and kept while the library lives.
/// The context builder ranks with it, and <c>eval --context</c> searches with
/// it as the plain-search baseline.
/// </summary>
public sealed class SectionIndex
{
    /// <summary>A word of a multi-line question's first line (an issue's title) weighs this much, as in routing across packs.</summary>
    internal const double TitleWeight = MarketRouter.TitleWeight;

    /// <summary>
    /// How much a section's own heading, scored as a field of its own, adds to
    /// its score for context: in the section's text the heading is a few words
    /// among hundreds, so a long section whose heading names what is asked
    /// ranks under short ones that only mention it (set on the train and dev
    /// splits: right section +4 and +1.3 points, nothing lower).
    /// </summary>
    internal const double HeadingWeight = 1.0;

    private static readonly ConditionalWeakTable<PackLibrary, SectionIndex> Built = [];

    private readonly Vocabulary _words;
    private readonly Bm25Index _index;
    private readonly Bm25Index _headings;

    private SectionIndex(PackLibrary library)
    {
        var sections = new List<(MarkdownSheet, SheetSection)>();
        var sheetOf = new List<int>();
        var documents = new List<List<int>>();
        var headings = new List<List<int>>();
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
                var heading = new List<int>();
                _words.Add(OwnHeading(section.HeadingPath), heading);
                headings.Add(heading);
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
        _headings = new Bm25Index(headings, _words.Count, Bm25Index.StandardB);
    }

    /// <summary>The last heading of a heading path: the section's own.</summary>
    private static ReadOnlySpan<char> OwnHeading(string path) =>
        path.LastIndexOf(" > ", StringComparison.Ordinal) is var at and >= 0 ? path.AsSpan(at + 3) : path;

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

    /// <summary>
    /// Each section's score for context: its <see cref="Score"/> and its own
    /// heading's BM25 score times <see cref="HeadingWeight"/>.
    /// </summary>
    public double[] ScoreForContext(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var scores = new double[Sections.Length];
        var ids = _words.Find(question);
        var weights = _words.Weights(question, ids, TitleWeight);
        _index.Score(ids, weights, scores);
        var headings = new double[Sections.Length];
        _headings.Score(ids, weights, headings);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] += HeadingWeight * headings[i];
        }

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
