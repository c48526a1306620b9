using System.Collections.Immutable;
using System.Text;
using Wayfinder.Library;
using Wayfinder.Packs;

namespace Wayfinder.Retrieval;

/// <summary>One retrievable piece of a sheet: a whole sheet or one of its sections.</summary>
/// <param name="Pack">Pack id as the routing pack names it (<c>ml-production</c>, <c>llm-specialist</c> …).</param>
/// <param name="Sheet">Sheet id (file name without <c>.md</c>), or null for a pack described as a whole.</param>
/// <param name="Heading">Heading path of the section (" > " between levels); empty for a whole sheet.</param>
/// <param name="Text">The words to retrieve on.</param>
public sealed record SheetPassage(string Pack, string? Sheet, string Heading, string Text)
{
    /// <summary>The destination as gold files and decisions spell it: <c>pack/sheet</c> or <c>pack/*</c>.</summary>
    public string Destination => $"{Pack}/{Sheet ?? "*"}";
}

/// <summary>How finely sheets are cut into passages.</summary>
public enum PassageGranularity
{
    /// <summary>One passage per sheet.</summary>
    Sheet,

    /// <summary>One passage per Markdown section (a heading and the text under it, outside code fences).</summary>
    Section,
}

/// <summary>
/// The text retrieval baselines search: either the sheets of packs on disk,
/// or, without them, what the routing pack itself says about each destination
/// (summaries, concern, the terms of the signals that lead there).
/// </summary>
public sealed class SheetCorpus
{
    /// <summary>Sheets larger than this are not read.</summary>
    internal const long MaxSheetBytes = PackFiles.MaxBytes;

    private SheetCorpus(ImmutableArray<SheetPassage> passages, string origin)
    {
        Passages = passages;
        Origin = origin;
    }

    /// <summary>The passages, in a fixed order.</summary>
    public ImmutableArray<SheetPassage> Passages { get; }

    /// <summary>A corpus of passages made elsewhere (a router's own description of its sheets, say).</summary>
    public static SheetCorpus FromPassages(IEnumerable<SheetPassage> passages, string origin)
    {
        ArgumentNullException.ThrowIfNull(passages);
        return new SheetCorpus([.. passages], origin);
    }

    /// <summary>Where the text came from, for reports.</summary>
    public string Origin { get; }

    /// <summary>
    /// The sheets of every skill pack below <paramref name="packsDirectory"/>
    /// (<c>*/skills/*/</c> beside a SKILL.md), loaded by <see cref="PackLibrary"/>
    /// with its refusals (links leaving a pack, oversized, binary or invalid
    /// files), cut into its Markdown sections. A pack folder is named after the
    /// routing pack's id for it (<c>yzmir-ml-production</c> is <c>ml-production</c>).
    /// </summary>
    public static SheetCorpus FromDirectory(string packsDirectory, RoutingPack pack, PassageGranularity granularity)
    {
        ArgumentNullException.ThrowIfNull(packsDirectory);
        ArgumentNullException.ThrowIfNull(pack);
        var root = Path.GetFullPath(packsDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"packs directory not found: {packsDirectory}");
        }

        string[] known = [pack.Id, .. pack.SisterPacks.Select(p => p.Id)];
        var passages = ImmutableArray.CreateBuilder<SheetPassage>();
        foreach (var onDisk in PackLibrary.Load([], [root]).Packs)
        {
            var id = PackNames.RoutingName(onDisk.Id, known);
            foreach (var sheet in onDisk.Sheets)
            {
                AddPassages(passages, id, sheet, granularity);
            }
        }

        return new SheetCorpus(passages.ToImmutable(), root);
    }

    /// <summary>
    /// Passages made from the routing pack alone: for each of its sheets the
    /// summary, its concern and the terms of every signal that leads to it;
    /// for each sister pack what it owns and its named sheets.
    /// </summary>
    public static SheetCorpus FromPack(RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var passages = ImmutableArray.CreateBuilder<SheetPassage>();
        foreach (var sheet in pack.Sheets)
        {
            var concern = pack.ConcernsById[sheet.ConcernId];
            var text = new StringBuilder()
                .AppendLine(sheet.Id.Replace('-', ' '))
                .AppendLine(sheet.Summary)
                .AppendLine(concern.Title)
                .AppendLine(concern.Summary);
            foreach (var facet in pack.Facets.Where(f => f.Sheets.Contains(sheet.Id)))
            {
                text.AppendLine(string.Join(' ', facet.Terms.Select(Plain)));
            }

            passages.Add(new SheetPassage(pack.Id, sheet.Id, "", text.ToString()));
        }

        foreach (var sister in pack.SisterPacks)
        {
            var text = new StringBuilder().AppendLine(sister.Title).AppendLine(sister.Owns);
            foreach (var facet in pack.Facets.Where(f => f.Handoffs.Any(h => h.Pack == sister.Id)))
            {
                text.AppendLine(string.Join(' ', facet.Terms.Select(Plain)));
            }

            passages.Add(new SheetPassage(sister.Id, null, "", text.ToString()));
            foreach (var sheet in sister.Sheets)
            {
                passages.Add(new SheetPassage(sister.Id, sheet.Id, "", sheet.Id.Replace('-', ' ') + "\n" + sheet.Summary));
            }
        }

        return new SheetCorpus(passages.ToImmutable(), $"built-in pack '{pack.Id}'");
    }

    private static string Plain(string term) => term.Replace("*", "", StringComparison.Ordinal).Replace("~", " ", StringComparison.Ordinal);

    private static void AddPassages(ImmutableArray<SheetPassage>.Builder passages, string pack, MarkdownSheet sheet, PassageGranularity granularity)
    {
        var title = sheet.Id.Replace('-', ' ');
        if (granularity == PassageGranularity.Sheet)
        {
            passages.Add(new SheetPassage(pack, sheet.Id, "", title + "\n" + string.Join("\n\n", sheet.Sections.Select(x => x.Text))));
            return;
        }

        foreach (var section in sheet.Sections)
        {
            // The heading line is in the heading path already.
            var body = section.Level == 0 ? section.Text : section.Text[(section.Text.IndexOf('\n', StringComparison.Ordinal) + 1 is var cut and > 0 ? cut : section.Text.Length)..];
            passages.Add(new SheetPassage(pack, sheet.Id, section.HeadingPath, $"{title}\n{section.HeadingPath}\n{body}"));
        }
    }
}
