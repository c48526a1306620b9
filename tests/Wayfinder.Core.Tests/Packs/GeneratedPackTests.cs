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
        var expected = BuiltInPack.WriteSource();
        if (Environment.GetEnvironmentVariable("WAYFINDER_REGENERATE") == "1")
        {
            File.WriteAllText(GeneratedFile, expected);
        }

        var actual = File.ReadAllText(GeneratedFile);
        Assert.True(expected == actual,
            $"{GeneratedFile} is out of date with {BuiltInPack.ManifestFile}. Regenerate it: " +
            "WAYFINDER_REGENERATE=1 dotnet test tests/Wayfinder.Core.Tests --filter GeneratedPackTests, then rebuild.");
    }

    [Fact]
    public void BuiltInPack_EqualsTheLoadedManifest_InEveryProperty()
    {
        var differences = new List<string>();
        PackComparison.Compare(BuiltInPack.LoadManifest(), BuiltInPack.Value, "pack", differences);
        Assert.Empty(differences);
    }

    [Fact]
    public void Compare_FindsAChangedValueDeepInThePack()
    {
        // The comparison above must be able to fail: one changed route step is found.
        var loaded = BuiltInPack.LoadManifest();
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
        Assert.Contains("new(\"f1\", [\"alpha\"], [\"s1\"], [], null,", source);
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
    public void Str_WritesAnAsciiLiteralOfTheSameText(string? text, string literal) =>
        Assert.Equal(literal, PackSourceWriter.Str(text));
}
