using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using Wayfinder.Library;

namespace Wayfinder.Marketplace;

/// <summary>
/// What every pack of a marketplace says, indexed once: per pack its
/// descriptions (frontmatter, plugin, marketplace entry) and its router; per
/// sheet its whole text, its title and headings, and what its pack's router
/// says about it; per section its text. One vocabulary numbers every word.
/// Immutable once built; safe across threads.
/// </summary>
internal sealed class MarketIndex
{
    public MarketIndex(IReadOnlyList<MarkdownPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        Packs = [.. packs];
        var vocabulary = new Vocabulary();
        var descriptions = new List<List<int>>();
        var routers = new List<List<int>>();
        var sheets = new List<List<int>>();
        var titles = new List<List<int>>();
        var passages = new List<List<int>>();
        var sections = new List<List<int>>();
        var sheetPhrases = new List<List<int>>();
        var sectionPhrases = new List<List<int>>();
        var wholes = new List<List<int>>();
        var openings = new List<List<int>>();
        var sheetPack = new List<int>();
        var sectionSheet = new List<int>();
        var firstSheet = new int[packs.Count + 1];
        for (var p = 0; p < packs.Count; p++)
        {
            var pack = packs[p];
            firstSheet[p] = sheets.Count;
            descriptions.Add(vocabulary.Add(Spaced(pack.Id) + "\n" + Spaced(pack.Name) + "\n" + pack.Description + "\n" + pack.PluginDescription));
            routers.Add(vocabulary.Add(pack.RouterText));
            var whole = new List<int>(routers[^1]);
            var said = MarkdownRouter.Passages(pack).Where(x => x.Sheet is not null).ToDictionary(x => x.Sheet!, x => x.Text, StringComparer.Ordinal);
            foreach (var sheet in pack.Sheets)
            {
                var s = sheets.Count;
                sheetPack.Add(p);
                var headings = string.Join('\n', sheet.Sections.Select(x => x.HeadingPath.Split(" > ")[^1]));
                sheets.Add(vocabulary.Add(Spaced(sheet.Id) + "\n" + sheet.Text));
                sheetPhrases.Add(vocabulary.AddPhrases(Spaced(sheet.Id) + "\n" + sheet.Text));
                whole.AddRange(sheets[^1]);
                titles.Add(vocabulary.Add(Spaced(sheet.Id) + "\n" + sheet.Title + "\n" + headings));
                openings.Add(vocabulary.Add(Opening(sheet.Text)));
                passages.Add(vocabulary.Add(said.GetValueOrDefault(sheet.Id, "")));
                foreach (var section in sheet.Sections)
                {
                    sectionSheet.Add(s);
                    sections.Add(vocabulary.Add(sheet.Title + "\n" + section.HeadingPath + "\n" + section.Text));
                    sectionPhrases.Add(vocabulary.AddPhrases(section.HeadingPath + "\n" + section.Text));
                }
            }

            wholes.Add(whole);
        }

        firstSheet[packs.Count] = sheets.Count;
        Vocabulary = vocabulary;
        Descriptions = new Bm25Index(descriptions, vocabulary.Count);
        Routers = new Bm25Index(routers, vocabulary.Count);
        Sheets = new Bm25Index(sheets, vocabulary.Count);
        Titles = new Bm25Index(titles, vocabulary.Count);
        Passages = new Bm25Index(passages, vocabulary.Count);
        Sections = new Bm25Index(sections, vocabulary.Count);
        SheetPhrases = new Bm25Index(sheetPhrases, vocabulary.Count);
        SectionPhrases = new Bm25Index(sectionPhrases, vocabulary.Count);
        Wholes = new Bm25Index(wholes, vocabulary.Count);
        Openings = new Bm25Index(openings, vocabulary.Count);
        SheetPack = [.. sheetPack];
        SectionSheet = [.. sectionSheet];
        FirstSheet = [.. firstSheet];
        var holds = new HashSet<int>[packs.Count];
        for (var p = 0; p < packs.Count; p++)
        {
            holds[p] = [.. descriptions[p], .. routers[p]];
            for (var s = firstSheet[p]; s < firstSheet[p + 1]; s++)
            {
                holds[p].UnionWith(sheets[s]);
            }
        }

        Holds = [.. holds.Select(h => h.ToFrozenSet())];
        var most = Math.Log(1 + packs.Max(p => p.Sheets.Length));
        Size = [.. packs.Select(p => most > 0 ? Math.Log(1 + p.Sheets.Length) / most : 0)];
    }

    public ImmutableArray<MarkdownPack> Packs { get; }

    public Vocabulary Vocabulary { get; }

    public Bm25Index Descriptions { get; }

    public Bm25Index Routers { get; }

    public Bm25Index Sheets { get; }

    public Bm25Index Titles { get; }

    public Bm25Index Passages { get; }

    public Bm25Index Sections { get; }

    /// <summary>The phrases (two words in a row) of each sheet.</summary>
    public Bm25Index SheetPhrases { get; }

    /// <summary>The phrases of each section.</summary>
    public Bm25Index SectionPhrases { get; }

    /// <summary>How each sheet opens: its frontmatter, title and first sections, where a sheet says what it is for and when to read it.</summary>
    public Bm25Index Openings { get; }

    /// <summary>Each pack whole: its router and every sheet.</summary>
    public Bm25Index Wholes { get; }

    /// <summary>The pack of each sheet.</summary>
    public ImmutableArray<int> SheetPack { get; }

    /// <summary>The sheet of each section.</summary>
    public ImmutableArray<int> SectionSheet { get; }

    /// <summary>The first sheet of each pack; one more entry, the sheet count, closes the last.</summary>
    public ImmutableArray<int> FirstSheet { get; }

    /// <summary>The words found anywhere in each pack.</summary>
    public ImmutableArray<FrozenSet<int>> Holds { get; }

    /// <summary>Each pack's size: the log of its sheet count over the largest pack's.</summary>
    public ImmutableArray<double> Size { get; }

    public MarkdownSheet Sheet(int s) => Packs[SheetPack[s]].Sheets[s - FirstSheet[SheetPack[s]]];

    /// <summary>How many characters of a sheet make its opening.</summary>
    public const int OpeningLength = 1500;

    private static string Opening(string text) => text.Length <= OpeningLength ? text : text[..OpeningLength];

    /// <summary>A kebab-case name read as words.</summary>
    private static string Spaced(string name) => name.Replace('-', ' ').Replace(':', ' ').Replace('_', ' ');
}
