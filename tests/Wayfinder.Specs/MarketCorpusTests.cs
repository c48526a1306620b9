using System.Text;
using System.Text.Json;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// The marketplace corpus (Market/README.md): real questions for packs of the
/// marketplace outside the ml-production family, held to the bar it was
/// collected to, and the market weights the program carries fitted on it.
/// </summary>
public sealed class MarketCorpusTests
{
    private static readonly string File = Path.Combine(AppContext.BaseDirectory, "Market", "questions.jsonl");

    private static readonly string Marketplace = Path.GetFullPath(Path.Combine(SourceTree.Root, "..", "shared", "marketplace"));

    private static readonly Lazy<GoldSet> Set = new(() => GoldSet.Read(File));

    private static IEnumerable<JsonElement> Lines() =>
        System.IO.File.ReadLines(File).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone());

    [Fact]
    public void Corpus_ParsesAsGoldWithUniqueSources()
    {
        Assert.True(Set.Value.Errors.IsEmpty, string.Join(Environment.NewLine, Set.Value.Errors));
        var sources = Lines().Select(l => l.GetProperty("source").GetString()!).ToList();
        Assert.Equal(sources.Count, sources.Distinct(StringComparer.Ordinal).Count());
        Assert.All(sources, s => Assert.StartsWith("http", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Corpus_HoldsAtLeastFifteenQuestionsForEachOfTwelvePacks()
    {
        var firsts = Set.Value.Questions.Where(q => !q.AcceptFirst.IsEmpty).GroupBy(q => MarketEval.PackOf(q.AcceptFirst[0])).ToDictionary(g => g.Key, g => g.Count());
        var covered = firsts.Where(f => f.Value >= 15 && !f.Key.StartsWith("yzmir-ml-production", StringComparison.Ordinal)).Select(f => f.Key).ToList();
        Assert.True(covered.Count >= 12, $"only {covered.Count} packs with 15 questions: {string.Join(", ", covered)}");
    }

    [Fact]
    public void Corpus_EverySplit_IsTheOneItsSourceHashesTo()
    {
        foreach (var line in Lines())
        {
            var expected = CorpusSplit.Of(line.GetProperty("source").GetString()!);
            Assert.True(expected == line.GetProperty("split").GetString(), $"{line.GetProperty("id")}: split should be {expected}");
        }
    }

    [Fact]
    public void Corpus_SharesNoSourceWithTheOtherCorpusOrTheSharedDevSet()
    {
        var mine = Lines().Select(l => l.GetProperty("source").GetString()!).ToHashSet(StringComparer.Ordinal);
        var real = Path.Combine(AppContext.BaseDirectory, "Real", "questions.jsonl");
        var dev = Path.Combine(SourceTree.Root, "..", "shared", "eval", "dev-questions.jsonl");
        foreach (var file in new[] { real, dev }.Where(System.IO.File.Exists))
        {
            var theirs = System.IO.File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()!);
            Assert.DoesNotContain(theirs, mine.Contains);
        }
    }

    [Fact]
    public void Corpus_EveryDestinationExistsInTheMarketplace()
    {
        var library = PackLibrary.Load([], [Marketplace]);
        Assert.NotEmpty(library.Packs);
        var missing = Set.Value.Questions.SelectMany(q => q.AcceptFirst.Concat(q.Relevant))
            .Distinct(StringComparer.Ordinal)
            .Where(d => d.Split('/') is var parts && (library.FindPack(parts[0]) is not { } pack || (parts.Length > 1 && parts[1] != "*" && pack.Sheets.All(s => s.Id != parts[1]))))
            .ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void MarketModel_WasFittedOnTheseFiles()
    {
        // A changed corpus needs the market weights fitted again (docs/packs.md, "Routing across packs").
        var corpus = MarketModel.BuiltIn.Corpus ?? "";
        foreach (var file in new[] { File, Path.Combine(AppContext.BaseDirectory, "Real", "questions.jsonl") })
        {
            Assert.Contains(Wayfinder.Scoring.ModelCorpus.HashOf(file)[..12], corpus, StringComparison.Ordinal);
        }
    }
}
