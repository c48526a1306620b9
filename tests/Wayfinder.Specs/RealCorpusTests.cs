using System.Text;
using System.Text.Json;
using Wayfinder.Evaluation;
using Wayfinder.Scoring;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// The real-question corpus (Real/README.md) is data the router is measured
/// on, so its discipline is checked like code: every line is gold, every item
/// has its source once, its split is the one its source hashes to, no source
/// of the shared dev set is in it, and every destination exists.
/// </summary>
public sealed class RealCorpusTests
{
    private static readonly string File = Path.Combine(AppContext.BaseDirectory, "Real", "questions.jsonl");

    private static readonly Lazy<GoldSet> Set = new(() => GoldSet.Read(File));

    private static IEnumerable<JsonElement> Lines() =>
        System.IO.File.ReadLines(File).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone());

    [Fact]
    public void Corpus_ParsesAsGoldWithUniqueIdsAndSources()
    {
        Assert.True(Set.Value.Errors.IsEmpty, string.Join(Environment.NewLine, Set.Value.Errors));
        Assert.True(Set.Value.Questions.Length >= 400, $"only {Set.Value.Questions.Length} questions");
        var sources = Lines().Select(l => l.GetProperty("source").GetString()).ToList();
        Assert.Equal(sources.Count, sources.Distinct(StringComparer.Ordinal).Count());
        Assert.All(sources, s => Assert.StartsWith("http", s, StringComparison.Ordinal));
    }

    /// <summary>The split is fixed by the source alone: SHA-256 of the URL, first 8 hex digits, modulo 100.</summary>
    [Fact]
    public void Corpus_Coverage_MeetsTheBarItWasCollectedTo()
    {
        var questions = Set.Value.Questions;
        var pack = Wayfinder.Packs.BuiltInPack.Value;
        Assert.True(questions.Length >= 800, $"only {questions.Length} questions");
        var projects = Lines().Select(l => l.GetProperty("project").GetString()).Distinct(StringComparer.Ordinal).Count();
        Assert.True(projects >= 40, $"only {projects} projects");

        // Every sheet and every sister pack is the first destination of at least 25 items.
        var firsts = questions.Where(q => !q.AcceptFirst.IsEmpty).Select(q => q.AcceptFirst[0]).ToList();
        var destinations = pack.Sheets.Select(s => $"{pack.Id}/{s.Id}").Concat(pack.SisterPacks.Select(p => $"{p.Id}/*"));
        var thin = destinations.Select(d => (d, n: firsts.Count(f => Scorer.Hit(f, [d])))).Where(x => x.n < 25).ToList();
        Assert.True(thin.Count == 0, string.Join(", ", thin.Select(x => $"{x.d}: {x.n}")));
        Assert.Contains(questions, q => q.Clarify == ClarifyExpectation.Required && q.Split == "sealed");
    }

    [Fact]
    public void BuiltInModel_WasFittedOnTheseFiles()
    {
        // A changed corpus or case file needs the model fitted again (docs/routing.md, "The fit").
        var model = Wayfinder.Packs.BuiltInPack.Model;
        Assert.Equal(ModelCorpus.HashOf(File), model.Corpus.Sha256);
        Assert.Equal("train", model.Corpus.Split);
        var specCases = Path.Combine(AppContext.BaseDirectory, "spec-cases.jsonl");
        Assert.Equal(ModelCorpus.HashOf(specCases), Assert.Single(model.Corpus.Also).Sha256);
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
    public void Corpus_TakesNothingFromTheSharedDevSet()
    {
        var dev = Path.Combine(MarkdownParityTests.SharedFolder("eval"), "dev-questions.jsonl");
        var devSources = System.IO.File.ReadLines(dev).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()).ToHashSet(StringComparer.Ordinal);
        var devQueries = GoldSet.Read(dev).Questions.Select(q => q.Query.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(Lines(), l => devSources.Contains(l.GetProperty("source").GetString()));
        Assert.DoesNotContain(Set.Value.Questions, q => devQueries.Contains(q.Query.Trim()));
    }

    [Fact]
    public void Corpus_EveryDestination_NamesASheetOrPackThatExists()
    {
        var pack = Router.CreateBuiltIn().Pack;
        string[] known = [.. pack.Sheets.Select(s => $"{pack.Id}/{s.Id}"), .. pack.SisterPacks.Select(p => $"{p.Id}/*"),
            .. pack.SisterPacks.SelectMany(p => p.Sheets.Select(s => $"{p.Id}/{s.Id}"))];
        var unknown = Set.Value.Questions
            .SelectMany(q => q.AcceptFirst.Concat(q.Relevant).Select(d => (q.Id, d)))
            .Where(x => !known.Any(k => Scorer.Hit(x.d, [k])))
            .Select(x => $"{x.Id}: {x.d}")
            .ToList();
        Assert.True(unknown.Count == 0, string.Join(Environment.NewLine, unknown));
    }

    [Fact]
    public void Corpus_AQuestionThatMustBeAsked_HasNoFirstDestination_AndEveryOtherHasOne()
    {
        var wrong = Set.Value.Questions.Where(q => (q.Clarify == ClarifyExpectation.Required) != q.AcceptFirst.IsEmpty).Select(q => q.Id).ToList();
        Assert.Empty(wrong);
    }
}
