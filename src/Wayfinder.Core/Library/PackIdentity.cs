using Wayfinder.Packs;

namespace Wayfinder.Library;

/// <summary>
/// The names a pack on disk answers to. Its own name is its plugin folder
/// (<c>yzmir-llm-specialist</c>, or <c>plugin:skill</c> when a plugin holds
/// several skills), and that is how every decision, listing, section and
/// resource names it. Two shorter names find it too, when no other loaded
/// pack answers to them: the name without its first hyphenated word, the
/// family prefix (<c>llm-specialist</c>), and its frontmatter name
/// (<c>using-llm-specialist</c>, or that without <c>using-</c>). A short
/// name that two packs answer to is a conflict: a diagnostic at load, a
/// lint error, and it finds neither pack, so which pack is served never
/// depends on the order packs happen to sort or load in.
/// </summary>
public static class PackIdentity
{
    /// <summary>The short names <paramref name="pack"/> answers to besides its own.</summary>
    public static IEnumerable<string> ShortNames(MarkdownPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        if (!pack.Id.Contains(':', StringComparison.Ordinal) && PackNames.WithoutFamily(pack.Id) is { } shortName)
        {
            yield return shortName;
        }

        if (pack.Name.Length > 0 && pack.Name != pack.Id)
        {
            yield return pack.Name;
            if (pack.Name.StartsWith("using-", StringComparison.Ordinal) && pack.Name.Length > "using-".Length)
            {
                yield return pack.Name["using-".Length..];
            }
        }
    }

    /// <summary>Whether <paramref name="pack"/> is called <paramref name="name"/>, in full or by a short name.</summary>
    public static bool AnswersTo(MarkdownPack pack, string name)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(name);
        return pack.Id == name || ShortNames(pack).Contains(name, StringComparer.Ordinal);
    }

    /// <summary>One diagnostic at each pack that claims a short name another pack claims too.</summary>
    public static IEnumerable<PackDiagnostic> Conflicts(IReadOnlyList<MarkdownPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var claims = new Dictionary<string, List<MarkdownPack>>(StringComparer.Ordinal);
        foreach (var pack in packs)
        {
            foreach (var name in ShortNames(pack).Distinct(StringComparer.Ordinal))
            {
                if (!claims.TryGetValue(name, out var list))
                {
                    claims[name] = list = [];
                }

                list.Add(pack);
            }
        }

        foreach (var (name, claimants) in claims.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            // A pack whose full name is the short name owns it outright: no conflict.
            if (claimants.Count < 2 || packs.Any(p => p.Id == name))
            {
                continue;
            }

            var all = string.Join(", ", claimants.Select(p => p.Id).Order(StringComparer.Ordinal));
            foreach (var pack in claimants)
            {
                yield return new PackDiagnostic(pack.SkillFile, 1, 1,
                    $"packs {all} all answer to '{name}': that name finds none of them; use the full name");
            }
        }
    }
}
