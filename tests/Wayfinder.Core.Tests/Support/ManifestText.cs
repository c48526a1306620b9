using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Support;

/// <summary>The built-in manifest as text, and one-line mutations of it that keep every other line where it was.</summary>
internal static class ManifestText
{
    /// <summary>The built-in pack's manifest, read from the source tree: the file its C# is written from.</summary>
    public static string BuiltIn { get; } = File.ReadAllText(Path.Combine(SourceTree.Root, "src", "Wayfinder.Core", "BuiltIn", BuiltInPack.ManifestFile));

    /// <summary>The built-in manifest as the loader reads it: what <see cref="BuiltInPack.Value"/> must equal.</summary>
    public static RoutingPack LoadBuiltIn() => PackLoader.Load(BuiltIn, $"builtin:{BuiltInPack.ManifestFile}");

    /// <summary>1-based number of the only line that reads exactly <paramref name="line"/> (trailing CR ignored).</summary>
    public static int LineOf(string yaml, string line)
    {
        var lines = Lines(yaml);
        var found = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimEnd('\r') == line).ToList();
        Assert.True(found.Count == 1, $"expected exactly one line '{line}', found {found.Count}");
        return found[0] + 1;
    }

    /// <summary>Replaces the only line that reads <paramref name="oldLine"/>; returns the new text and that line's number.</summary>
    public static (string Yaml, int Line) Replace(string yaml, string oldLine, string newLine)
    {
        var number = LineOf(yaml, oldLine);
        var lines = Lines(yaml);
        lines[number - 1] = newLine;
        return (string.Join('\n', lines), number);
    }

    /// <summary>Replaces a line of the built-in manifest.</summary>
    public static (string Yaml, int Line) Replace(string oldLine, string newLine) => Replace(BuiltIn, oldLine, newLine);

    private static string[] Lines(string yaml) => yaml.Split('\n');
}
