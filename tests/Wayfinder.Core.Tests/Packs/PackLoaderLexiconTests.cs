using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Packs;

/// <summary>The lexicon, companion and confidence sections of a manifest: read when right, reported with their line when wrong.</summary>
public sealed class PackLoaderLexiconTests
{
    private const string File = "lexicon.pack.yaml";

    private static string With(string section) => PackLoaderTests.Minimal + "\n" + section;

    private static PackDiagnostic Fails(string yaml, string messagePart)
    {
        var ex = Assert.Throws<PackLoadException>(() => PackLoader.Load(yaml, File));
        var matching = ex.Diagnostics.Where(d => d.Message.Contains(messagePart, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one diagnostic containing '{messagePart}', got:{Environment.NewLine}{ex.Message}");
        Assert.Equal(File, matching[0].File);
        return matching[0];
    }

    private static int LineOf(string yaml, string text) =>
        yaml.Split('\n').Select((l, i) => (l, i)).Single(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void Load_Lexicon_ReadsEveryTermWithItsDestinationAndWeight()
    {
        var pack = PackLoader.Load(With("""
            lexicon:
              s1:
                3: [gamma, "delta epsilon"]
                1: [zeta*]
            """), File);

        Assert.Equal(3, pack.Lexicon.Length);
        Assert.Contains(pack.Lexicon, e => e is { Term: "delta epsilon", Weight: 3 } && e.Destination.Sheet == "s1" && e.Destination.Pack == "mini");
        Assert.Contains(pack.Lexicon, e => e is { Term: "zeta*", Weight: 1 });
    }

    [Fact]
    public void Load_LexiconWeightOutOfRange_ReportsItsLine()
    {
        var yaml = With("""
            lexicon:
              s1:
                4: [gamma]
            """);

        Assert.Equal(LineOf(yaml, "4: [gamma]"), Fails(yaml, "a weight is 1, 2 or 3").Line);
    }

    [Fact]
    public void Load_LexiconUnknownDestination_ReportsItsLine()
    {
        var yaml = With("""
            lexicon:
              nowhere:
                2: [gamma]
            """);

        Assert.Equal(LineOf(yaml, "nowhere:"), Fails(yaml, "'nowhere' is neither a sheet of this pack nor a known pack").Line);
    }

    [Fact]
    public void Load_LexiconTermTwiceForOneDestination_ReportsTheSecond()
    {
        var yaml = With("""
            lexicon:
              s1:
                3: [gamma]
                1: [gamma]
            """);

        Assert.Equal(LineOf(yaml, "1: [gamma]"), Fails(yaml, "'gamma' is listed twice").Line);
    }

    [Theory]
    [InlineData("\"--\"")]
    [InlineData("\"a ~ b\"")]
    public void Load_LexiconEntryThatIsNotATerm_IsReported(string term)
    {
        Fails(With($"""
            lexicon:
              s1:
                2: [{term}]
            """), "is not a term");
    }

    [Fact]
    public void Load_LexiconNotAMapping_IsReported()
    {
        Fails(With("lexicon: [gamma]"), "'lexicon' must map destinations");
    }

    [Fact]
    public void Load_Companion_IsRead()
    {
        var pack = PackLoader.Load(With("""
            companions:
              - after: [s1]
                when: {any: [f1]}
                add: s1
                why: Again.
            """), File);

        var companion = Assert.Single(pack.Companions);
        Assert.Equal(["s1"], companion.After.ToArray());
        Assert.Equal(["f1"], companion.When.Any.ToArray());
        Assert.Equal("Again.", companion.Why);
    }

    [Fact]
    public void Load_CompanionWithoutWhen_IsReported()
    {
        Fails(With("""
            companions:
              - after: [s1]
                add: s1
                why: Again.
            """), "a companion needs 'when'");
    }

    [Fact]
    public void Load_CompanionAddingAnUnknownSheet_ReportsItsLine()
    {
        var yaml = With("""
            companions:
              - after: [s1]
                when: {any: [f1]}
                add: s9
                why: Again.
            """);

        Assert.Equal(LineOf(yaml, "add: s9"), Fails(yaml, "unknown sheet 's9'").Line);
    }

    [Fact]
    public void Load_Confidence_IsReadByBasis()
    {
        var pack = PackLoader.Load(With("""
            confidence:
              rule: 0.8
              composed-clear: 0.9
            """), File);

        Assert.Equal(0.8, pack.Confidence["rule"]);
        Assert.Equal(0.9, pack.Confidence["composed-clear"]);
    }

    [Fact]
    public void Load_ConfidenceOutOfRange_ReportsItsLine()
    {
        var yaml = With("""
            confidence:
              rule: 1.5
            """);

        Assert.Equal(LineOf(yaml, "rule: 1.5"), Fails(yaml, "confidence 'rule' must be a number from 0 to 1").Line);
    }

    [Fact]
    public void Load_ConfidenceForAnUnknownBasis_IsReported()
    {
        Fails(With("""
            confidence:
              hunch: 0.5
            """), "unknown key 'hunch'");
    }

    [Fact]
    public void Load_BuiltInPack_HasALexiconForEverySheetAndEveryPackOnDisk()
    {
        var pack = BuiltInPack.Value;
        var keys = pack.Lexicon.Select(e => e.Destination.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(pack.Sheets, s => Assert.Contains($"{pack.Id}/{s.Id}", keys));
        Assert.All(pack.Lexicon, e => Assert.InRange(e.Weight, 1, LexiconEntry.MaxWeight));
        // A route the model settles carries the model's own probability instead.
        Assert.All(Clarification.RouteBasis.All.Where(b => b != Clarification.RouteBasis.Model), b => Assert.True(pack.Confidence.ContainsKey(b), $"no confidence for '{b}'"));
    }
}
