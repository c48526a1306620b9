using System.Text.Json;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Scoring;
using Xunit;

namespace Wayfinder.Core.Tests.Scoring;

/// <summary>
/// Fitting the mini pack's model from a gold set written here: the same
/// file gives the same bytes; what the examples teach carries to a question
/// never seen; the questions of <c>--keep</c> the rules get right stay right;
/// the fit reads each question without its own project's examples.
/// </summary>
public sealed class ModelFitterTests
{
    private static readonly ModelCorpus Corpus = new("mini-gold.jsonl", "abc123", "", 0);

    /// <summary>Uses only words of the training examples (and no word of the pack): never in the gold set.</summary>
    private const string HeldOut = "a zebra problem";

    private static FitResult Fit(GoldSet gold, IReadOnlyList<GoldQuestion>? keep = null, IReadOnlyList<GoldQuestion>? also = null) =>
        ModelFitter.Fit(MiniPack.Pack, gold, Corpus, new FitOptions(), also, keep);

    private static GoldSet TrainAndDev() => MiniPack.Gold([.. MiniPack.Train, .. MiniPack.Dev]);

    private static string[] Destinations(Decision d) => [.. d.Steps.Select(s => s.Sheet).Concat(d.Handoffs.Select(h => h.Pack))];

    [Fact]
    public void Fit_SameGoldTwice_WritesIdenticalBytes()
    {
        var first = Fit(TrainAndDev()).Model.ToJson();
        var second = Fit(TrainAndDev()).Model.ToJson();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Fit_TrainSplit_RecordsTheCorpusAndKeepsEachTrainingQuestionAsAnExample()
    {
        var model = Fit(TrainAndDev()).Model;

        Assert.Equal("mini", model.Pack);
        Assert.Equal("train", model.Corpus.Split);
        Assert.Equal(MiniPack.Train.Length, model.Corpus.Items);
        Assert.Equal("abc123", model.Corpus.Sha256);
        Assert.Equal(MiniPack.Train.Length, model.Examples.Length);
        Assert.Contains(model.Examples, e => e.To.SequenceEqual(["mini/tuning"]) && e.Words.Split(' ').Contains("zebra"));
        Assert.DoesNotContain(model.Examples, e => e.Words.Contains("quokka trouble", StringComparison.Ordinal));
        Assert.Equal(RouteModel.FeatureNames.Length, model.Weights.Length);
        Assert.Equal(["mini/fixing", "mini/serving", "mini/tuning", "mini/watching", "other-pack/*"], model.Bias.Keys);
    }

    [Fact]
    public void Route_HeldOutQuestionInExampleWordsOnly_UnfittedAsksAndFittedRoutesToTheLabel()
    {
        var fitted = MiniPack.Router(Fit(TrainAndDev()).Model);

        var before = MiniPack.Router().Route(HeldOut);
        var after = fitted.Route(HeldOut);

        Assert.Equal(DecisionStatus.Clarify, before.Status);
        Assert.True(before.NoSignal);
        Assert.Equal(DecisionStatus.Routed, after.Status);
        Assert.Equal("tuning", after.Steps[0].Sheet);
        Assert.Equal(DecisionBasis.Model, after.Basis);
        Assert.False(after.NoSignal);
        Assert.Contains(after.Evidence, e => e.Kind == EvidenceKind.Score && e.Ref == "mini/tuning" && e.Text.Contains("neighbours", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_HeldOutQuestionOfTheOtherLabel_RoutesThere()
    {
        var fitted = MiniPack.Router(Fit(TrainAndDev()).Model);

        var d = fitted.Route("the quokka again");

        Assert.Equal(["watching"], Destinations(d).Take(1));
    }

    [Fact]
    public void Fit_ExamplesAllOfOneProject_LearnsNothingFromExamples()
    {
        // Each question is read without its project's examples: with one project, no example is ever another's neighbour.
        var sameProject = MiniPack.Train.Select((l, i) => MiniPack.Line($"s{i}", QueryOf(l), AcceptOf(l), "train", "one/project")).ToArray();

        var alone = Fit(MiniPack.Gold([.. sameProject, .. MiniPack.Dev])).Model;
        var apart = Fit(TrainAndDev()).Model;

        foreach (var feature in new[] { "neighbours", "centroid", "bayes" })
        {
            var f = RouteModel.FeatureNames.IndexOf(feature);
            Assert.Equal(0, alone.Weights[f]);
            Assert.True(apart.Weights[f] > 0, $"{feature}: {apart.Weights[f]}");
        }
    }

    [Fact]
    public void Fit_ItemsWithoutADestinationOfThePack_AreSkippedWithWhy()
    {
        var gold = MiniPack.Gold(
        [
            .. MiniPack.Train,
            .. MiniPack.Dev,
            MiniPack.Line("x1", "slow", [], "train", clarify: ClarifyExpectation.Required),
            MiniPack.Line("x2", "zebra elsewhere", ["nowhere-pack/thing"], "train"),
        ]);

        var result = Fit(gold);

        Assert.Equal(["x1: no first destination (a question to ask)", "x2: no destination of pack 'mini' among nowhere-pack/thing"], result.Skipped.AsEnumerable());
        Assert.Equal(MiniPack.Train.Length, result.Model.Corpus.Items);
        Assert.Equal(MiniPack.Train.Length, result.Model.Examples.Length);
    }

    [Fact]
    public void Fit_AlsoQuestions_AreFittedOnWhateverTheirSplit()
    {
        var also = MiniPack.Gold(MiniPack.Line("a1", "okapi in the pipeline", ["mini/fixing"], "test", "pa")).Questions;

        var result = Fit(TrainAndDev(), also: also);

        Assert.Equal(MiniPack.Train.Length + 1, result.Model.Corpus.Items);
        Assert.Contains(result.Model.Examples, e => e.To.SequenceEqual(["mini/fixing"]) && e.Words.Split(' ').Contains("okapi"));
    }

    [Fact]
    public void Fit_Curve_HasOnePointPerMarginTriedWithTheChosenSettings()
    {
        var result = Fit(TrainAndDev());

        Assert.Equal(FitOptions.Margins, result.Curve.Select(p => p.Margin));
        Assert.All(result.Curve, p => Assert.Equal(result.Model.Ask.MinSignal, p.MinSignal));
        Assert.All(result.Curve, p => Assert.Equal(result.Model.Ask.Override, p.Override));
        Assert.Contains(result.Model.Ask.Margin, FitOptions.Margins);
        // Better than a uniform guess over the five destinations.
        Assert.InRange(result.Loss, double.Epsilon, Math.Log(5));
    }

    [Fact]
    public void Fit_DevQuestionTheContextAnswers_SetsAMarginThatAnswersIt()
    {
        var model = Fit(TrainAndDev()).Model;

        var d = MiniPack.Router(model).Route("slow zebra");

        Assert.Equal(["tuning"], Destinations(d));
        Assert.Contains(d.Evidence, e => e.Kind == EvidenceKind.Ask && e.Text.StartsWith("answered by the question", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_KeepQuestionTheRulesGetRight_StaysRight()
    {
        // The rules ask "zebra slow" (right: it must be asked); the dev split would rather answer the same words.
        var keep = MiniPack.Gold(MiniPack.Line("k1", "zebra slow", [], "keep", "pk", ClarifyExpectation.Required)).Questions;

        var without = Fit(TrainAndDev());
        var with = Fit(TrainAndDev(), keep);

        Assert.Equal(DecisionStatus.Routed, MiniPack.Router(without.Model).Route("zebra slow").Status);
        var kept = MiniPack.Router(with.Model).Route("zebra slow");
        Assert.Equal(DecisionStatus.Clarify, kept.Status);
        Assert.Equal("phase", kept.Question!.Id);
        Assert.Equal(1, with.Kept);
    }

    [Fact]
    public void Fit_KeepQuestionTheRulesGetWrong_IsNotCountedAsKept()
    {
        var keep = MiniPack.Gold(
            MiniPack.Line("k1", "zebra slow", [], "keep", "pk", ClarifyExpectation.Required),
            MiniPack.Line("k2", "slow quokka", ["mini/serving"], "keep", "pk")).Questions;

        var result = Fit(TrainAndDev(), keep);

        Assert.Equal(1, result.Kept);
    }

    [Fact]
    public void Fit_TuningSplitWithNoQuestionToWeigh_KeepsAskingWhatTheRulesAsk()
    {
        // Nothing on the tuning split is a question the rules would ask: every ask setting ties, and a tie
        // goes to the more cautious setting (ModelFitter's contract), so a proposed question stays asked.
        var gold = MiniPack.Gold([.. MiniPack.Train, MiniPack.Line("d1", "tune the thing", ["mini/tuning"], "dev", "p9")]);

        var model = Fit(gold).Model;
        var d = MiniPack.Router(model).Route("slow zebra");

        Assert.Equal(DecisionStatus.Clarify, d.Status);
    }

    private static string QueryOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("query").GetString()!;
    }

    private static string[] AcceptOf(string line)
    {
        using var document = JsonDocument.Parse(line);
        return [.. document.RootElement.GetProperty("accept_first").EnumerateArray().Select(e => e.GetString()!)];
    }
}
