using Wayfinder.Core.Tests.Support;
using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Packs;

/// <summary>
/// The built-in pack runs from C# written out of its manifest. These tests keep
/// the two the same: the checked-in source is what the manifest writes today,
/// and the pack it constructs equals the loaded manifest in every property.
/// </summary>
public sealed class GeneratedPackTests
{
    private static readonly string GeneratedFile = Path.Combine(SourceTree.Root, "src", "Wayfinder.Core", "BuiltIn", BuiltInPack.GeneratedClass + ".g.cs");

    [Fact]
    public void GeneratedSource_IsWhatTheManifestWritesToday()
    {
        var expected = PackSourceWriter.Write(ManifestText.LoadBuiltIn(), BuiltInPack.GeneratedClass, BuiltInPack.ManifestFile);

        var actual = File.ReadAllText(GeneratedFile);

        Assert.True(expected == actual,
            $"{GeneratedFile} is out of date with {BuiltInPack.ManifestFile}. Regenerate it: dotnet run --project tools/Wayfinder.PackSource -- " +
            "src/Wayfinder.Core/BuiltIn/ml-production.pack.yaml src/Wayfinder.Core/BuiltIn/MlProductionPack.g.cs, then rebuild.");
    }

    [Fact]
    public void GeneratedSource_HasNoLineOverTheLimit()
    {
        var longest = File.ReadLines(GeneratedFile).Select((l, i) => (Line: i + 1, l.Length)).MaxBy(x => x.Length);

        Assert.True(longest.Length <= PackSourceWriter.MaxLine, $"line {longest.Line} is {longest.Length} characters");
    }

    [Fact]
    public void BuiltInPack_EqualsTheLoadedManifest_InEveryProperty()
    {
        var differences = new List<string>();
        PackComparison.Compare(ManifestText.LoadBuiltIn(), BuiltInPack.Value, "pack", differences);
        Assert.Empty(differences);
    }

    [Fact]
    public void Compare_FindsAChangedValueDeepInThePack()
    {
        // The comparison above must be able to fail: one changed route step is found.
        var loaded = ManifestText.LoadBuiltIn();
        var rule = loaded.Rules[0];
        var changed = rule with { Route = rule.Route.SetItem(0, rule.Route[0] with { Why = "changed" }) };
        var differences = new List<string>();
        PackComparison.Compare(rule, changed, "rule", differences);
        Assert.Equal(["rule.Route[0].Why: \"" + rule.Route[0].Why + "\" vs \"changed\""], differences);
    }

    [Fact]
    public void Write_KeepsDefaultAndEmptyListsApart()
    {
        var source = PackSourceWriter.Write(PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml"), "Mini", "mini.yaml");

        Assert.Contains("internal static partial class Mini", source);
        Assert.Contains("Id: \"f1\"", source);
        Assert.Contains("Terms: [\"alpha\"]", source);
        Assert.Contains("Handoffs: []", source);
        Assert.Contains("Ask: null", source);
        Assert.DoesNotContain("Context: false", source);
        Assert.Contains("private static DualRoute? DualRoute() => null;", source);
        Assert.DoesNotContain("GeneratedRegex", source);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"a\b", "\"a\\\\b\"")]
    [InlineData("line\nnext\ttab", "\"line\\nnext\\ttab\"")]
    [InlineData("café → ok", "\"caf\\u00e9 \\u2192 ok\"")]
    [InlineData(null, "null")]
    [InlineData("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen",
        "\"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \" +\n\"seventeen\"")]
    public void Str_WritesAnAsciiLiteralOfTheSameText(string? text, string literal) =>
        Assert.Equal(literal, PackSourceWriter.Str(text));
}
