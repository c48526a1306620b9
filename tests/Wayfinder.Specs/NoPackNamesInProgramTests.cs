using System.Text;
using Wayfinder.Library;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// What routes well must route well on packs nobody has seen: no rule, term or
/// weight of the program may name a pack, skill or sheet of the marketplace it
/// is measured on. This reads the built program (its code's strings and its
/// embedded data) for every such name, except the ones the specification it
/// reproduces names itself (the built-in pack, its sheets and its sister packs).
/// </summary>
public sealed class NoPackNamesInProgramTests
{
    private static readonly string Marketplace = Path.GetFullPath(Path.Combine(SourceTree.Root, "..", "shared", "marketplace"));

    /// <summary>Whether the specification names <paramref name="name"/>, in full or without its family word (<c>ml-production</c>).</summary>
    private static bool Named(string spec, string name) =>
        spec.Contains(name, StringComparison.OrdinalIgnoreCase)
        || (name.IndexOf('-', StringComparison.Ordinal) is var dash and > 0 && name[(dash + 1)..].Contains('-', StringComparison.Ordinal) && spec.Contains(name[(dash + 1)..], StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void BuiltProgram_NamesNoPackSkillOrSheetOfTheMarketplace()
    {
        var spec = File.ReadAllText(Path.Combine(SourceTree.Root, "..", "shared", "spec", "using-ml-production.SKILL.md"));
        var library = PackLibrary.Load([], [Marketplace]);
        Assert.True(library.Packs.Length >= 40, $"only {library.Packs.Length} packs under {Marketplace}");

        // Names specific enough to be a name: two words or more, joined by hyphens.
        var names = library.Packs.SelectMany(p => new[] { p.Id, p.Name }.Concat(p.Id.Split(':')).Concat(p.Sheets.Select(s => s.Id)))
            .Where(n => n.Contains('-', StringComparison.Ordinal) && n.Length >= 8 && !Named(spec, n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(names.Count > 300, $"only {names.Count} names to look for");

        var assemblies = new[] { typeof(Wayfinder.Marketplace.MarketRouter).Assembly.Location, typeof(Wayfinder.Routing.Router).Assembly.Location }.Distinct();
        foreach (var path in assemblies)
        {
            var bytes = File.ReadAllBytes(path);
            var utf8 = Encoding.UTF8.GetString(bytes);
            var utf16 = Encoding.Unicode.GetString(bytes) + Encoding.Unicode.GetString(bytes.AsSpan(1));
            var found = names.Where(n => utf8.Contains(n, StringComparison.OrdinalIgnoreCase) || utf16.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(found.Count == 0, $"{Path.GetFileName(path)} names {string.Join(", ", found)}");
        }
    }
}
