using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Retrieval;

public sealed class Bm25MatcherTests : IDisposable
{
    private const string Quantization = "yzmir-ml-production/quantization-for-inference";
    private const string Serving = "yzmir-ml-production/model-serving-patterns";
    private const string Rag = "yzmir-llm-specialist/rag-architecture-patterns";

    private readonly SheetFixture _fixture = SheetFixture.Standard();

    private static RoutingPack Pack => Routers.BuiltIn.Pack;

    public void Dispose() => _fixture.Dispose();

    private Bm25Matcher Matcher(PassageGranularity granularity = PassageGranularity.Sheet) =>
        new(SheetCorpus.FromDirectory(_fixture.Root, Pack, granularity), Pack);

    private static string Destination(RankedDestination r) => r.Sheet is null ? $"{r.Pack}/*" : $"{r.Pack}/{r.Sheet}";

    [Theory]
    [InlineData("how big should my calibration set be", Quantization, PassageGranularity.Sheet)]
    [InlineData("how big should my calibration set be", Quantization, PassageGranularity.Section)]
    [InlineData("streaming with server-sent events", Serving, PassageGranularity.Sheet)]
    [InlineData("streaming with server-sent events", Serving, PassageGranularity.Section)]
    [InlineData("which vector database", Rag, PassageGranularity.Sheet)]
    [InlineData("which vector database", Rag, PassageGranularity.Section)]
    public void Rank_WordFoundInOneSheetOnly_RanksThatSheetFirst(string question, string expected, PassageGranularity granularity)
    {
        var ranking = Matcher(granularity).Rank(question);

        Assert.Equal(expected, Destination(ranking[0]));
        Assert.All(ranking.Skip(1), r => Assert.True(r.Score < ranking[0].Score));
    }

    [Fact]
    public void Rank_Sections_ScoreADestinationByItsBestPassageAndNameIt()
    {
        var ranking = Matcher(PassageGranularity.Section).Rank("rerank with a cross-encoder");

        var first = ranking[0];
        Assert.Equal(Rag, Destination(first));
        Assert.Equal("RAG architecture patterns > Reranking", first.Passage);
        Assert.Single(ranking, r => Destination(r) == Rag);
    }

    [Fact]
    public void Rank_MoreOccurrencesOfARareWord_ScoreHigher()
    {
        using var fixture = new SheetFixture();
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/deployment-strategies.md", "# Canary\n\nCanary rollout, canary analysis, canary traffic.\n");
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/scaling-and-load-balancing.md", "# Replicas\n\nAdd replicas behind a canary balancer.\n");
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/mlops-pipeline-automation.md", "# Pipelines\n\nSchedule retraining.\n");
        var matcher = new Bm25Matcher(SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet), Pack);

        var ranking = matcher.Rank("canary");

        Assert.Equal(["yzmir-ml-production/deployment-strategies", "yzmir-ml-production/scaling-and-load-balancing"], ranking.Select(Destination));
    }

    [Fact]
    public void Match_InPackWinner_IsRoutedWithStepsBeforeHandoffs()
    {
        var matcher = Matcher();
        const string question = "calibration of INT8 quantization scales before embedding chunks";
        var ranking = matcher.Rank(question);

        var decision = matcher.Match(question);

        Assert.Equal(Quantization, Destination(ranking[0]));
        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal(Quantization, $"{decision.Steps[0].Pack}/{decision.Steps[0].Sheet}");
        Assert.Equal("optimization", decision.Steps[0].Concern);
        Assert.All(decision.Steps, s => Assert.Equal(Pack.Id, s.Pack));
        Assert.NotEmpty(decision.Handoffs);
        Assert.All(decision.Handoffs, h => Assert.NotEqual(Pack.Id, h.Pack));
        Assert.Equal(
            ranking.Take(RankedDecision.Depth).Select(Destination).OrderBy(d => d, StringComparer.Ordinal),
            Scorer.Destinations(decision).OrderBy(d => d, StringComparer.Ordinal));
        Assert.Equal(
            Enumerable.Range(1, decision.Steps.Count + decision.Handoffs.Count),
            decision.Steps.Select(s => s.Order).Concat(decision.Handoffs.Select(h => h.Order)));
        Assert.Null(decision.Question);
        Assert.All(decision.Evidence, e => Assert.Equal("score", e.Kind));
    }

    [Fact]
    public void Match_SisterPackWinner_IsAHandoffListingOnlyOtherPacks()
    {
        var matcher = Matcher();
        const string question = "chunks in a vector database for retrieval-augmented generation on the GPU";
        var ranking = matcher.Rank(question);

        var decision = matcher.Match(question);

        Assert.Equal(Rag, Destination(ranking[0]));
        Assert.Contains(ranking.Take(RankedDecision.Depth), r => r.Pack == Pack.Id);
        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Empty(decision.Steps);
        var handoff = Assert.Single(decision.Handoffs);
        Assert.Equal(("yzmir-llm-specialist", "rag-architecture-patterns"), (handoff.Pack, handoff.Sheet));
        Assert.Null(decision.Question);
    }

    [Theory]
    [InlineData("xyzzy plugh")]
    [InlineData("what is the thing that we were doing")]
    public void Match_NoWordSharedWithAnyPassage_AsksThePacksQuestion(string question)
    {
        var matcher = Matcher();

        var decision = matcher.Match(question);

        Assert.Empty(matcher.Rank(question));
        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Empty(decision.Steps);
        Assert.Empty(decision.Handoffs);
        var expected = Pack.QuestionsById.GetValueOrDefault("concern") ?? Pack.Questions[0];
        Assert.NotNull(decision.Question);
        Assert.Equal(expected.Id, decision.Question.Id);
        Assert.Equal(expected.Text, decision.Question.Text);
        Assert.Equal(expected.Options.Select(o => o.Answer), decision.Question.Options.Select(o => o.Answer));
        Assert.Contains(decision.Evidence, e => e.Kind == "tree");
    }

    [Fact]
    public void Rank_RepeatedCallsAndRebuiltMatchers_GiveTheSameRanking()
    {
        const string question = "batch requests on the GPU and rerank chunks after calibration";
        var first = Matcher(PassageGranularity.Section);
        var again = Matcher(PassageGranularity.Section);

        var reference = first.Rank(question);

        Assert.True(reference.Count >= 3);
        Assert.Equal(reference, first.Rank(question));
        Assert.Equal(reference, again.Rank(question));
        Assert.Equal(reference.OrderByDescending(r => r.Score).Select(r => r.Score), reference.Select(r => r.Score));
    }

    [Fact]
    public void Rank_EqualScores_AreOrderedByPackThenSheet()
    {
        using var fixture = new SheetFixture();
        const string text = "# Widgets\n\nAll about widgets.\n";
        fixture.Write("yzmir-llm-specialist/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-llm-specialist/skills/s/b.md", text);
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/d.md", text);
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/c.md", text);
        fixture.Write("yzmir-llm-specialist/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-llm-specialist/skills/s/a.md", text);
        var matcher = new Bm25Matcher(SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet), Pack);

        var ranking = matcher.Rank("widgets");

        Assert.Single(ranking.Select(r => r.Score).Distinct());
        Assert.Equal(["yzmir-llm-specialist/a", "yzmir-llm-specialist/b", "yzmir-ml-production/c", "yzmir-ml-production/d"], ranking.Select(Destination));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    public void Match_EmptyQuestion_ThrowsInvalidQuestion(string question)
    {
        var matcher = Matchers.Bm25(SheetCorpus.FromPack(Pack), Pack);

        Assert.Throws<WayfinderError>(() => matcher.Match(question));
    }

    [Fact]
    public void Match_OversizeQuestion_ThrowsInvalidQuestion()
    {
        var matcher = Matchers.Bm25(SheetCorpus.FromPack(Pack), Pack);

        Assert.Throws<WayfinderError>(() => matcher.Match(new string('q', QuestionGuard.MaxQuestionBytes + 1)));
    }

    [Fact]
    public void Match_BuiltInPackCorpus_RoutesAPlainQuestionToItsSheet()
    {
        var matcher = Matchers.Bm25(SheetCorpus.FromPack(Pack), Pack);

        var decision = matcher.Match("canary rollout with shadow traffic and rollback");

        Assert.Equal("bm25", matcher.Name);
        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal("deployment-strategies", decision.Steps[0].Sheet);
    }
}
