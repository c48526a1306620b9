using System.Text;
using Wayfinder.Library;
using Wayfinder.Lint;

namespace Wayfinder.Reporting;

/// <summary>What every section of a report needs, worked out once: the anchors of the packs, which sheets a router leads to, where each finding belongs, and paths relative to the root.</summary>
internal sealed class ReportPage
{
    private readonly Dictionary<string, string> _anchors = new(StringComparer.Ordinal);
    private readonly string _root;

    public ReportPage(ReportInput input)
    {
        Input = input;
        _root = Path.TrimEndingDirectorySeparator(input.Root);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pack in input.Packs)
        {
            var anchor = "pack-" + Slug(pack.Id);
            for (var n = 2; !used.Add(anchor); n++)
            {
                anchor = $"pack-{Slug(pack.Id)}-{n}";
            }

            _anchors.TryAdd(pack.Id, anchor);
        }

        Reached = RouterReach.Reached(input.Packs);
        UnreachedCount = input.Packs.Sum(p => p.Source.Sheets.Count(s => !Reached.Contains(p.Id + "/" + s.Id)));
        Overlaps = [.. input.Findings.Where(f => HtmlReport.OverlapCodes.Contains(f.Code))];
    }

    public ReportInput Input { get; }

    /// <summary>The <c>pack/sheet</c> keys of the sheets some router leads to.</summary>
    public HashSet<string> Reached { get; }

    public int UnreachedCount { get; }

    /// <summary>The findings of the overlap codes, in the findings' order.</summary>
    public List<LintFinding> Overlaps { get; }

    /// <summary>The id of a pack's section: its name with anything but letters, digits and hyphens left out, made unique.</summary>
    public string Anchor(string pack) => _anchors.GetValueOrDefault(pack, "pack-" + Slug(pack));

    /// <summary><paramref name="file"/> relative to the report's root, with '/'; a file outside it keeps its full path.</summary>
    public string Relative(string file)
    {
        if (_root.Length == 0 || !Path.IsPathFullyQualified(file) || !PackFiles.IsInside(_root, file))
        {
            return file.Replace('\\', '/');
        }

        return Path.GetRelativePath(_root, file).Replace('\\', '/');
    }

    /// <summary>The pack a file belongs to: the one whose skill folder holds it, else whose plugin folder does; null for neither.</summary>
    public ReportPack? Owner(string file)
    {
        ReportPack? plugin = null;
        foreach (var pack in Input.Packs)
        {
            if (Path.GetDirectoryName(pack.Source.SkillFile) is { Length: > 0 } skill && PackFiles.IsInside(skill, file))
            {
                return pack;
            }

            if (plugin is null && pack.Source.Root.Length > 0 && PackFiles.IsInside(pack.Source.Root, file))
            {
                plugin = pack;
            }
        }

        return plugin;
    }

    private static string Slug(string id)
    {
        var slug = new StringBuilder(id.Length);
        foreach (var c in id.ToLowerInvariant())
        {
            slug.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '-');
        }

        return slug.ToString();
    }
}
