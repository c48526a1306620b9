using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
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
        Compare(BuiltInPack.LoadManifest(), BuiltInPack.Value, "pack", differences);
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
        Compare(rule, changed, "rule", differences);
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

    /// <summary>Every public property, recursively: lists item by item, dictionaries by key, patterns by text, options and timeout.</summary>
    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
            }

            return;
        }

        if (expected.GetType() != actual.GetType() && expected is not Regex)
        {
            differences.Add($"{path}: {expected.GetType().Name} vs {actual.GetType().Name}");
            return;
        }

        switch (expected)
        {
            case string or int or bool or double or Enum:
                if (!Equals(expected, actual))
                {
                    differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
                }

                return;
            case Regex regex:
                var other = (Regex)actual;
                Compare(regex.ToString(), other.ToString(), path + ".Pattern", differences);
                // The engine differs on purpose (source-generated here, non-backtracking from a manifest); what is matched does not.
                Compare(regex.Options & ~RegexOptions.NonBacktracking, other.Options & ~RegexOptions.NonBacktracking, path + ".Options", differences);
                Compare(regex.MatchTimeout, Regex.InfiniteMatchTimeout, path + ".MatchTimeout", differences);
                Compare(other.MatchTimeout, Regex.InfiniteMatchTimeout, path + ".MatchTimeout", differences);
                return;
            case IDictionary dictionary:
                var otherDictionary = (IDictionary)actual;
                var keys = dictionary.Keys.Cast<object>().Concat(otherDictionary.Keys.Cast<object>()).Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    Compare(dictionary.Contains(key) ? dictionary[key] : null, otherDictionary.Contains(key) ? otherDictionary[key] : null, $"{path}[{key}]", differences);
                }

                return;
        }

        var type = expected.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var isDefault = (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(expected)!;
            if (isDefault != (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(actual)!)
            {
                differences.Add($"{path}: default vs empty");
                return;
            }

            if (isDefault)
            {
                return;
            }
        }

        if (expected is IEnumerable items)
        {
            var left = items.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                differences.Add($"{path}: {left.Count} items vs {right.Count}");
                return;
            }

            for (var i = 0; i < left.Count; i++)
            {
                Compare(left[i], right[i], $"{path}[{i}]", differences);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences);
        }
    }

    private static string Show(object? value) => value is null ? "null" : value is string s ? $"\"{s}\"" : value.ToString()!;
}
