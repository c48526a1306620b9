using System.Collections.Immutable;
using Wayfinder.Library;

namespace Wayfinder.Marketplace;

/// <summary>
/// What every pack of a marketplace says, indexed once: per pack its
/// descriptions (frontmatter, plugin, marketplace entry), its router and the
/// pack read whole; per sheet its whole text, its title and headings, its
/// opening and what its pack's router says about it; per section its words.
/// One vocabulary numbers every word. Built from each pack's <see cref="PackDocuments"/>, written to and
/// read from the cache whole. Immutable once built; safe across threads.
/// </summary>
internal sealed class MarketIndex
{
    /// <summary>Changes whenever what is written changes.</summary>
    public const int Format = 6;

    /// <summary>How many BM25 indexes it keeps.</summary>
    private const int IndexCount = 8;

    private readonly int[][] _holds;

    private MarketIndex(
        ImmutableArray<MarkdownPack> packs,
        ImmutableArray<bool> hasManifest,
        ImmutableArray<bool> hasModel,
        Vocabulary vocabulary,
        Bm25Index[] indexes,
        int[] sheetPack,
        int[] sectionSheet,
        int[] firstSheet,
        int[][] holds)
    {
        Packs = packs;
        HasManifest = hasManifest;
        HasModel = hasModel;
        Vocabulary = vocabulary;
        (Descriptions, Routers, Wholes, Sheets, Titles, Openings, Passages, Sections) =
            (indexes[0], indexes[1], indexes[2], indexes[3], indexes[4], indexes[5], indexes[6], indexes[7]);
        SheetPack = [.. sheetPack];
        SectionSheet = [.. sectionSheet];
        FirstSheet = [.. firstSheet];
        _holds = holds;
        var most = Math.Log(1 + packs.Select(p => p.Sheets.Length).DefaultIfEmpty(0).Max());
        Size = [.. packs.Select(p => most > 0 ? Math.Log(1 + p.Sheets.Length) / most : 0)];
    }

    /// <summary>The packs: loaded whole, or their cards when read from the cache.</summary>
    public ImmutableArray<MarkdownPack> Packs { get; }

    public ImmutableArray<bool> HasManifest { get; }

    public ImmutableArray<bool> HasModel { get; }

    public Vocabulary Vocabulary { get; }

    public Bm25Index Descriptions { get; }

    public Bm25Index Routers { get; }

    /// <summary>Each pack whole: its router and every sheet.</summary>
    public Bm25Index Wholes { get; }

    public Bm25Index Sheets { get; }

    public Bm25Index Titles { get; }

    /// <summary>How each sheet opens: its frontmatter, title and first sections, where a sheet says what it is for and when to read it.</summary>
    public Bm25Index Openings { get; }

    public Bm25Index Passages { get; }

    public Bm25Index Sections { get; }

    /// <summary>The pack of each sheet.</summary>
    public ImmutableArray<int> SheetPack { get; }

    /// <summary>The sheet of each section.</summary>
    public ImmutableArray<int> SectionSheet { get; }

    /// <summary>The first sheet of each pack; one more entry, the sheet count, closes the last.</summary>
    public ImmutableArray<int> FirstSheet { get; }

    /// <summary>Each pack's size: the log of its sheet count over the largest pack's.</summary>
    public ImmutableArray<double> Size { get; }

    /// <summary>Whether pack <paramref name="p"/> holds word <paramref name="word"/> anywhere.</summary>
    public bool Holds(int p, int word) => Array.BinarySearch(_holds[p], word) >= 0;

    public MarkdownSheet Sheet(int s) => Packs[SheetPack[s]].Sheets[s - FirstSheet[SheetPack[s]]];

    /// <summary>Indexes loaded packs.</summary>
    public static MarketIndex Build(IReadOnlyList<MarkdownPack> packs, double b = Bm25Index.RouterB) => Build([.. packs.Select(PackDocuments.From)], packs, b);

    /// <summary>Indexes packs from their documents; <paramref name="packs"/>, when given, are the loaded packs they were read from (else their cards stand in).</summary>
    public static MarketIndex Build(IReadOnlyList<PackDocuments> documents, IReadOnlyList<MarkdownPack>? packs = null, double b = Bm25Index.RouterB)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var vocabulary = new Vocabulary();
        var lists = Enumerable.Range(0, IndexCount).Select(_ => new List<List<int>>()).ToArray();
        var (descriptions, routers, wholes, sheets, titles, openings, passages, sections) =
            (lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7]);
        var sheetPack = new List<int>();
        var sectionSheet = new List<int>();
        var firstSheet = new int[documents.Count + 1];
        var holds = new int[documents.Count][];
        for (var p = 0; p < documents.Count; p++)
        {
            var pack = documents[p];
            var map = Map(pack.Local, vocabulary);
            List<int> Global(List<int> ids)
            {
                var global = new List<int>(ids.Count);
                foreach (var id in ids)
                {
                    global.Add(map[id]);
                }

                return global;
            }

            firstSheet[p] = sheets.Count;
            descriptions.Add(Global(pack.Description));
            routers.Add(Global(pack.Router));
            var whole = new List<int>(routers[^1]);
            foreach (var sheet in pack.Sheets)
            {
                var s = sheets.Count;
                sheetPack.Add(p);
                sheets.Add(Global(sheet.Words));
                whole.AddRange(sheets[^1]);
                titles.Add(Global(sheet.Title));
                openings.Add(Global(sheet.Opening));
                passages.Add(Global(sheet.Passage));
                foreach (var words in sheet.Sections)
                {
                    sectionSheet.Add(s);
                    sections.Add(Global(words));
                }
            }

            wholes.Add(whole);
            holds[p] = [.. new SortedSet<int>([.. descriptions[^1], .. whole])];
        }

        firstSheet[documents.Count] = sheets.Count;

        // Words renumbered in ordinal order, so that the index read back finds a word by binary search.
        var (order, sorted) = vocabulary.Sorted();
        foreach (var list in lists)
        {
            foreach (var document in list)
            {
                for (var i = 0; i < document.Count; i++)
                {
                    document[i] = order[document[i]];
                }
            }
        }

        for (var p = 0; p < holds.Length; p++)
        {
            holds[p] = [.. holds[p].Select(w => order[w]).Order()];
        }

        vocabulary = sorted;
        var indexes = lists.Select(l => new Bm25Index(l, vocabulary.Count, b)).ToArray();
        return new MarketIndex(
            packs is null ? [.. documents.Select(d => d.Card)] : [.. packs],
            [.. documents.Select(d => d.HasManifest)],
            [.. documents.Select(d => d.HasModel)],
            vocabulary,
            indexes,
            [.. sheetPack],
            [.. sectionSheet],
            firstSheet,
            holds);
    }

    /// <summary>Writes the index whole, packs as their cards.</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Format);
        writer.Write(Vocabulary.Count);
        for (var id = 0; id < Vocabulary.Count; id++)
        {
            writer.Write(Vocabulary.WordOf(id));
        }

        foreach (var index in new[] { Descriptions, Routers, Wholes, Sheets, Titles, Openings, Passages, Sections })
        {
            index.Write(writer);
        }

        CacheFormat.Write(writer, [.. SheetPack]);
        CacheFormat.Write(writer, [.. SectionSheet]);
        CacheFormat.Write(writer, [.. FirstSheet]);
        writer.Write(Packs.Length);
        for (var p = 0; p < Packs.Length; p++)
        {
            CacheFormat.WriteCard(writer, Packs[p], HasManifest[p], HasModel[p]);
            CacheFormat.Write(writer, _holds[p]);
        }
    }

    /// <summary>Reads an index <see cref="Write"/> wrote; a malformed or foreign one is an <see cref="InvalidDataException"/>.</summary>
    public static MarketIndex Read(BinaryReader reader, MappedFile? file = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReadInt32() != Format)
        {
            throw new InvalidDataException($"not a market index of format {Format}");
        }

        var count = CacheFormat.ReadCount(reader, 2);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = reader.ReadString();
        }

        var vocabulary = Vocabulary.From(words);
        var indexes = Enumerable.Range(0, IndexCount).Select(_ => Bm25Index.Read(reader, file)).ToArray();
        var sheetPack = CacheFormat.ReadInts(reader);
        var sectionSheet = CacheFormat.ReadInts(reader);
        var firstSheet = CacheFormat.ReadInts(reader);
        var packCount = CacheFormat.ReadCount(reader);
        var packs = ImmutableArray.CreateBuilder<MarkdownPack>(packCount);
        var hasManifest = new bool[packCount];
        var hasModel = new bool[packCount];
        var holds = new int[packCount][];
        for (var p = 0; p < packCount; p++)
        {
            (var card, hasManifest[p], hasModel[p]) = CacheFormat.ReadCard(reader);
            packs.Add(card);
            holds[p] = CacheFormat.ReadInts(reader);
        }

        if (firstSheet.Length != packCount + 1 || sheetPack.Length != indexes[3].Count || sectionSheet.Length != indexes[7].Count
            || indexes[0].Count != packCount || firstSheet[^1] != sheetPack.Length
            || Enumerable.Range(0, packCount).Any(p => firstSheet[p + 1] - firstSheet[p] != packs[p].Sheets.Length))
        {
            throw new InvalidDataException("a market index whose parts do not agree");
        }

        return new MarketIndex(packs.MoveToImmutable(), [.. hasManifest], [.. hasModel], vocabulary, indexes, sheetPack, sectionSheet, firstSheet, holds);
    }

    /// <summary>The global id of each of a pack's own word ids, numbering new ones.</summary>
    private static int[] Map(Vocabulary local, Vocabulary global)
    {
        var map = new int[local.Count];
        for (var id = 0; id < local.Count; id++)
        {
            map[id] = global.Number(local.WordOf(id));
        }

        return map;
    }
}
