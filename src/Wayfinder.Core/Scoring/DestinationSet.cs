using System.Collections.Frozen;
using System.Collections.Immutable;
using Wayfinder.Evaluation;
using Wayfinder.Packs;

namespace Wayfinder.Scoring;

/// <summary>
/// The destinations a pack's model scores, in a fixed order: the pack's
/// sheets in pack order, then each sister pack as a whole. Keys are spelled as
/// gold files and decisions spell them: <c>pack/sheet</c>, <c>sister/*</c>.
/// </summary>
internal sealed class DestinationSet
{
    private readonly FrozenDictionary<string, int> _byKey;

    public DestinationSet(RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        Pack = pack;
        var keys = ImmutableArray.CreateBuilder<string>(pack.Sheets.Length + pack.SisterPacks.Length);
        var targets = ImmutableArray.CreateBuilder<Target>(keys.Capacity);
        foreach (var sheet in pack.Sheets)
        {
            keys.Add($"{pack.Id}/{sheet.Id}");
            targets.Add(new Target(pack.Id, sheet.Id, null));
        }

        foreach (var sister in pack.SisterPacks)
        {
            keys.Add($"{sister.Id}/*");
            targets.Add(new Target(sister.Id, null, null));
        }

        Keys = keys.ToImmutable();
        Targets = targets.ToImmutable();
        _byKey = Keys.Select((k, i) => (k, i)).ToFrozenDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        _sheets = pack.Sheets.Select((s, i) => (s.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _sisters = pack.SisterPacks.Select((p, i) => (p.Id, i)).ToFrozenDictionary(x => x.Id, x => pack.Sheets.Length + x.i, StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, int> _sheets;

    private readonly FrozenDictionary<string, int> _sisters;

    public RoutingPack Pack { get; }

    public ImmutableArray<string> Keys { get; }

    /// <summary>Each destination as a route target (a sister pack with no sheet).</summary>
    public ImmutableArray<Target> Targets { get; }

    public int Count => Keys.Length;

    /// <summary>
    /// The destination a route target reaches: a sheet of the pack, or the
    /// sister pack a hand-off goes to (to any of its sheets); -1 for neither.
    /// </summary>
    public int IndexOf(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Pack == Pack.Id)
        {
            return target.Sheet is { } sheet ? IndexOfSheet(sheet) : -1;
        }

        return _sisters.TryGetValue(target.Pack, out var j) ? j : -1;
    }

    /// <summary>The destination of one of the pack's own sheets; -1 for none.</summary>
    public int IndexOfSheet(string sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return _sheets.TryGetValue(sheet, out var i) ? i : -1;
    }

    /// <summary>
    /// The destination a gold pattern names (<c>pack/sheet</c> or <c>pack/*</c>,
    /// a pack under its full name or without its family word); -1 when it
    /// names none of them. A sister pack's sheet counts as the sister pack.
    /// </summary>
    public int IndexOfGold(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var pack = slash < 0 ? pattern : pattern[..slash];
        var sheet = slash < 0 ? "*" : pattern[(slash + 1)..];
        if (Scorer.SamePack(pack, Pack.Id))
        {
            return _byKey.TryGetValue($"{Pack.Id}/{sheet}", out var i) ? i : -1;
        }

        foreach (var sister in Pack.SisterPacks)
        {
            if (Scorer.SamePack(pack, sister.Id))
            {
                return _byKey[$"{sister.Id}/*"];
            }
        }

        return -1;
    }
}
