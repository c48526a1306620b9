using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// Our own realistic questions (issue titles, forum posts, chat) with their
/// expected routes, in the gold format of shared/eval. The default router must
/// stay above a floor on the whole corpus and must not collapse on any one
/// voice; a regression fails CI. The floors sit a few points under today's
/// figures (README, "Measured"), so that only a real regression trips them.
/// </summary>
public sealed class RegressionCorpusTests
{
    /// <summary>Accuracy on the whole corpus.</summary>
    private const double AccuracyFloor = 0.90;

    /// <summary>Accuracy on each file (one voice).</summary>
    private const double PerFileFloor = 0.75;

    /// <summary>Asking when the question is clear.</summary>
    private const double FalseClarifyCeiling = 0.05;

    /// <summary>Asking when the question must be asked about.</summary>
    private const double ClarifyRecallFloor = 0.85;

    /// <summary>Relevant sheets among the first three destinations.</summary>
    private const double RelevantRecallFloor = 0.80;

    private static readonly Router Router = Router.CreateBuiltIn();

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static List<GoldSet> Load() =>
        [.. Directory.GetFiles(CorpusDirectory, "*.jsonl").Order(StringComparer.Ordinal).Select(GoldSet.Read)];

    [Fact]
    public void Corpus_EveryFile_ParsesWithoutProblemsAndIdsAreUnique()
    {
        var sets = Load();
        Assert.True(sets.Count >= 3, $"expected the corpus files in {CorpusDirectory}");
        Assert.All(sets, s => Assert.True(s.Errors.IsEmpty, string.Join(Environment.NewLine, s.Errors)));
        var ids = sets.SelectMany(s => s.Questions).Select(q => q.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(ids.Count >= 150, $"only {ids.Count} questions");
    }

    [Fact]
    public void Corpus_EveryDestination_NamesASheetOrPackThatExists()
    {
        var pack = Router.Pack;
        var known = pack.Sheets.Select(s => $"{pack.Id}/{s.Id}")
            .Concat(pack.SisterPacks.Select(p => $"{p.Id}/*"))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = Load().SelectMany(s => s.Questions)
            .SelectMany(q => q.AcceptFirst.Concat(q.Relevant).Select(d => (q.Id, d)))
            .Where(x => !known.Contains(x.d))
            .Select(x => $"{x.Id}: {x.d}")
            .ToList();
        Assert.True(unknown.Count == 0, string.Join(Environment.NewLine, unknown));
    }

    [Fact]
    public void Corpus_EveryQuestionThatMustBeAsked_HasNoAcceptedFirstDestination()
    {
        var wrong = Load().SelectMany(s => s.Questions)
            .Where(q => (q.Clarify == ClarifyExpectation.Required) != q.AcceptFirst.IsEmpty)
            .Select(q => q.Id)
            .ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void Corpus_Questions_AreNotCopiedFromTheSharedDevSet()
    {
        var dev = SharedDevSet();
        Assert.True(dev is not null, "../shared/eval/dev-questions.jsonl not found beside the repository");
        var devTexts = dev!.Questions.Select(q => Normalise(q.Query)).ToHashSet(StringComparer.Ordinal);
        var copied = Load().SelectMany(s => s.Questions).Where(q => devTexts.Contains(Normalise(q.Query))).Select(q => q.Id).ToList();
        Assert.Empty(copied);
    }

    [Fact]
    public void DefaultRouter_OnTheWholeCorpus_StaysAboveItsFloors()
    {
        var reports = Load().Select(s => EvalRunner.Run(Matchers.Default(Router), s.Questions, Router.Pack).Report).ToList();

        var items = reports.Sum(r => r.Items);
        var accuracy = (double)reports.Sum(r => r.Correct) / items;
        var falseClarify = (double)reports.Sum(r => r.FalseClarify) / reports.Sum(r => r.ClearQuestions);
        var clarifyRecall = (double)reports.Sum(r => r.ClarifyRequiredAsked) / reports.Sum(r => r.ClarifyRequired);
        var relevant = (double)reports.Sum(r => r.RelevantHit) / reports.Sum(r => r.RelevantTotal);
        var misses = string.Join(Environment.NewLine, reports.SelectMany(r => r.Misses).Select(m =>
            $"{m.Gold.Id}: expected {string.Join(" or ", m.Gold.AcceptFirst)}, decided {m.Decision?.Status} {string.Join(", ", m.Destinations.Take(2))}"));

        Assert.True(accuracy >= AccuracyFloor, $"accuracy {accuracy:P1} < {AccuracyFloor:P0}; misses:{Environment.NewLine}{misses}");
        Assert.True(falseClarify <= FalseClarifyCeiling, $"false-clarify {falseClarify:P1} > {FalseClarifyCeiling:P0}");
        Assert.True(clarifyRecall >= ClarifyRecallFloor, $"clarify-recall {clarifyRecall:P1} < {ClarifyRecallFloor:P0}");
        Assert.True(relevant >= RelevantRecallFloor, $"relevant-recall@3 {relevant:P1} < {RelevantRecallFloor:P0}");
    }

    [Fact]
    public void DefaultRouter_OnEachFile_StaysAboveThePerVoiceFloor()
    {
        foreach (var set in Load())
        {
            var report = EvalRunner.Run(Matchers.Default(Router), set.Questions, Router.Pack).Report;
            Assert.True(report.Accuracy / 100 >= PerFileFloor, $"{Path.GetFileName(set.Source)}: accuracy {report.Accuracy:0.0}% < {PerFileFloor:P0}");
        }
    }

    private static GoldSet? SharedDevSet()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "eval", "dev-questions.jsonl");
            if (File.Exists(candidate))
            {
                return GoldSet.Read(candidate);
            }
        }

        return null;
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
