using System.Collections.Immutable;
using Wayfinder.Library;

namespace Wayfinder.Marketplace;

/// <summary>The words of one sheet, as the market's indexes read them.</summary>
internal sealed record SheetDocuments(
    List<int> Words,
    List<int> Title,
    List<int> Opening,
    List<int> Passage,
    List<List<int>> Sections);

/// <summary>
/// One pack, compiled for routing across packs: its card (names,
/// descriptions, sheets and their files, no text) and the words of each of
/// its documents, numbered by a vocabulary of its own. This is the unit the
/// cache keeps per pack, so that a changed pack is the only one read again.
/// </summary>
internal sealed class PackDocuments
{
    /// <summary>How many characters of a sheet make its opening.</summary>
    public const int OpeningLength = 1500;

    private PackDocuments(MarkdownPack card, bool hasManifest, bool hasModel, Vocabulary local, List<int> description, List<int> router, List<SheetDocuments> sheets)
    {
        Card = card;
        HasManifest = hasManifest;
        HasModel = hasModel;
        Local = local;
        Description = description;
        Router = router;
        Sheets = sheets;
    }

    /// <summary>The pack without its text: names, descriptions, sheets with their files and titles.</summary>
    public MarkdownPack Card { get; }

    /// <summary>Whether the pack keeps a routing manifest beside its SKILL.md.</summary>
    public bool HasManifest { get; }

    /// <summary>Whether the pack keeps a fitted model with labelled examples beside its SKILL.md.</summary>
    public bool HasModel { get; }

    public Vocabulary Local { get; }

    public List<int> Description { get; }

    public List<int> Router { get; }

    public List<SheetDocuments> Sheets { get; }

    /// <summary>Reads a loaded pack's documents.</summary>
    public static PackDocuments From(MarkdownPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var local = new Vocabulary();
        var description = new List<int>();
        foreach (var part in new[] { Spaced(pack.Id), Spaced(pack.Name), pack.Description, pack.PluginDescription })
        {
            local.Add(part, description);
        }

        var router = new List<int>();
        local.Add(pack.RouterText, router);
        var said = MarkdownRouter.Passages(pack).Where(x => x.Sheet is not null).ToDictionary(x => x.Sheet!, x => x.Text, StringComparer.Ordinal);
        var sheets = new List<SheetDocuments>(pack.Sheets.Length);
        foreach (var sheet in pack.Sheets)
        {
            var name = Spaced(sheet.Id);
            var words = new List<int>();
            local.Add(name, words);
            var sections = new List<List<int>>(sheet.Sections.Length);
            foreach (var section in sheet.Sections)
            {
                var sectionWords = new List<int>();
                local.Add(section.HeadingPath, sectionWords);
                local.Add(section.Text, sectionWords);
                words.AddRange(sectionWords);
                local.Add(sheet.Title, sectionWords);
                sections.Add(sectionWords);
            }

            if (sheet.Sections.IsEmpty)
            {
                local.Add(sheet.Text, words);
            }

            var title = new List<int>();
            local.Add(name, title);
            local.Add(sheet.Title, title);
            foreach (var section in sheet.Sections)
            {
                local.Add(section.HeadingPath.AsSpan(section.HeadingPath.LastIndexOf(" > ", StringComparison.Ordinal) + 1), title);
            }

            var opening = new List<int>();
            local.Add(sheet.Text.AsSpan(0, Math.Min(OpeningLength, sheet.Text.Length)), opening);
            var passage = new List<int>();
            local.Add(said.GetValueOrDefault(sheet.Id, ""), passage);
            sheets.Add(new SheetDocuments(words, title, opening, passage, sections));
        }

        var card = pack with
        {
            Sheets = [.. pack.Sheets.Select(s => s with { Sections = [], Text = "" })],
            RouterText = "",
            RouterSections = [],
            Manifest = null,
            Model = null,
        };
        return new PackDocuments(card, pack.Manifest is not null, pack.Model is { Examples.IsEmpty: false }, local, description, router, sheets);
    }

    /// <summary>Writes the card, then the pack's own words, then its documents, sheet by sheet.</summary>
    public void Write(BinaryWriter writer)
    {
        CacheFormat.WriteCard(writer, Card, HasManifest, HasModel);
        writer.Write(Local.Count);
        for (var id = 0; id < Local.Count; id++)
        {
            writer.Write(Local.WordOf(id));
        }

        CacheFormat.Write(writer, Description.ToArray());
        CacheFormat.Write(writer, Router.ToArray());
        foreach (var d in Sheets)
        {
            foreach (var list in new[] { d.Words, d.Title, d.Opening, d.Passage })
            {
                CacheFormat.Write(writer, list.ToArray());
            }

            writer.Write(d.Sections.Count);
            foreach (var words in d.Sections)
            {
                CacheFormat.Write(writer, words.ToArray());
            }
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a malformed file is an <see cref="InvalidDataException"/>.</summary>
    public static PackDocuments Read(BinaryReader reader)
    {
        var (card, hasManifest, hasModel) = CacheFormat.ReadCard(reader);
        var count = CacheFormat.ReadCount(reader, 2);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = reader.ReadString();
        }

        var local = Vocabulary.Numbered(words);
        List<int> Ids() => Checked(CacheFormat.ReadInts(reader), count);
        var descriptionWords = Ids();
        var routerWords = Ids();
        var documents = new List<SheetDocuments>(card.Sheets.Length);
        foreach (var _ in card.Sheets)
        {
            var (sheetWords, title, opening, passage) = (Ids(), Ids(), Ids(), Ids());
            var sectionCount = CacheFormat.ReadCount(reader, 4);
            var sections = new List<List<int>>(sectionCount);
            for (var x = 0; x < sectionCount; x++)
            {
                sections.Add(Ids());
            }

            documents.Add(new SheetDocuments(sheetWords, title, opening, passage, sections));
        }

        return new PackDocuments(card, hasManifest, hasModel, local, descriptionWords, routerWords, documents);
    }

    private static List<int> Checked(int[] ids, int count)
    {
        if (ids.AsSpan().IndexOfAnyExceptInRange(0, count - 1) >= 0)
        {
            throw new InvalidDataException("a word id outside the pack's vocabulary");
        }

        return [.. ids];
    }

    /// <summary>A kebab-case name read as words.</summary>
    internal static string Spaced(string name) => name.Replace('-', ' ').Replace(':', ' ').Replace('_', ' ');
}
