using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Wayfinder.Core.Tests.Support;

/// <summary>Compares two objects of a routing pack in every public property, and says where they differ.</summary>
internal static class PackComparison
{
    /// <summary>Where <paramref name="expected"/> and <paramref name="actual"/> differ, one line each; empty when they are the same.</summary>
    public static List<string> Differences(object? expected, object? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "pack", differences);
        return differences;
    }

    /// <summary>Every public property, recursively: lists item by item, dictionaries by key, patterns by text, options and timeout.</summary>
    public static void Compare(object? expected, object? actual, string path, List<string> differences)
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
