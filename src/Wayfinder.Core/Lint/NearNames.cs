namespace Wayfinder.Lint;

/// <summary>
/// Sheet names, and for any name the first of them within two edits of it:
/// a typo's likely meaning. Every name is indexed under each string it
/// leaves when up to two of its characters are deleted, so a look-up costs
/// the same whatever the number of names, and lint stays linear in the
/// number of references it checks.
/// </summary>
internal sealed class NearNames
{
    /// <summary>Two edits: as near as a typo goes.</summary>
    private const int MaxEdits = 2;

    /// <summary>Names longer than this are never a typo of a sheet's name.</summary>
    private const int MaxLength = 100;

    private readonly List<string> _names = [];
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byDeletion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _asked = new(StringComparer.Ordinal);

    public NearNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!_exact.Add(name) || name.Length > MaxLength)
            {
                continue;
            }

            _names.Add(name);
            foreach (var variant in Deletions(name))
            {
                if (!_byDeletion.TryGetValue(variant, out var list))
                {
                    _byDeletion[variant] = list = [];
                }

                if (list.Count == 0 || list[^1] != _names.Count - 1)
                {
                    list.Add(_names.Count - 1);
                }
            }
        }
    }

    public bool Contains(string name) => _exact.Contains(name);

    /// <summary>The first name (in the order given) within two edits of <paramref name="name"/>, or null.</summary>
    public string? Near(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > MaxLength)
        {
            return null;
        }

        if (_asked.TryGetValue(name, out var known))
        {
            return known;
        }

        var best = int.MaxValue;
        foreach (var variant in Deletions(name))
        {
            if (!_byDeletion.TryGetValue(variant, out var list))
            {
                continue;
            }

            foreach (var index in list)
            {
                if (index < best && PackLinter.Distance(_names[index], name) <= MaxEdits)
                {
                    best = index;
                }
            }
        }

        var near = best == int.MaxValue ? null : _names[best];
        _asked[name] = near;
        return near;
    }

    /// <summary>The name and every string it leaves with one or two characters deleted.</summary>
    private static HashSet<string> Deletions(string name)
    {
        var all = new HashSet<string>(StringComparer.Ordinal) { name };
        var frontier = new List<string> { name };
        for (var edit = 0; edit < MaxEdits; edit++)
        {
            var next = new List<string>();
            foreach (var word in frontier)
            {
                for (var i = 0; i < word.Length; i++)
                {
                    var shorter = string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
                    if (all.Add(shorter))
                    {
                        next.Add(shorter);
                    }
                }
            }

            frontier = next;
        }

        return all;
    }
}
