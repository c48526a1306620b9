using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Testing;
using Xunit;

namespace Wayfinder.Core.Tests.Testing;

/// <summary>Running routing cases: inside a pack for its own gold cases, across packs for trigger queries and for files no one pack owns.</summary>
public sealed class CaseRunnerTests
{
    private static CaseRunner Runner(params string[] markets) => new(new MarketRouter(PackLibrary.Load([], markets).Packs));

    private static CaseRunner SkillRunner(params string[] skills) => new(new MarketRouter(PackLibrary.Load(skills, []).Packs));

    [Fact]
    public void RunOwn_EveryPacksFiles_PassAndFailForTheirOwnReasons()
    {
        using var f = CaseFixtures.Market();

        var run = Runner(f.Root).RunOwn();

        Assert.Equal(
            [
                $"{CaseFixtures.BakerySkill}/routing-cases.jsonl",
                $"{CaseFixtures.BakerySkill}/evals/eval_queries.json",
                $"{CaseFixtures.BicycleSkill}/routing-cases.jsonl",
            ],
            run.Files.Select(x => Path.GetRelativePath(f.Root, x.File).Replace('\\', '/')));
        Assert.Equal(["bakery", "bakery", "bicycle"], run.Files.Select(x => x.Pack));
        Assert.Equal((6, 3, 0), (run.Passed, run.Failed, run.Problems));
        Assert.Equal(
            ["bakery:1:True", "bakery:2:True", "bakery:3:False", "bakery:4:False", "bakery:2:True", "bakery:3:True", "bakery:4:False", "bicycle:1:True", "bicycle:2:True"],
            run.Cases.Select(c => $"{c.Pack}:{c.Line}:{c.Passed}"));
    }

    [Fact]
    public void GoldCase_BareSheetIdIsThePacksOwn_AndAFailureSaysWhereItWent()
    {
        using var f = CaseFixtures.Market();

        var cases = Runner(f.Root).RunOwn().Files[0].Cases;

        Assert.Equal<string>(["bakery/sourdough-bread"], cases[0].Expected);
        Assert.Equal<string>(["bakery/cake-icing"], cases[1].Expected);
        var wrongSheet = cases[2];
        Assert.Equal("bakery/sourdough-bread", wrongSheet.Chosen);
        Assert.Equal("routes to bakery/sourdough-bread; expected first bakery/cake-icing", wrongSheet.Detail);
        Assert.Contains(wrongSheet.Decision.Evidence, e => e.Kind == EvidenceKind.Score && e.Ref == "bakery/sourdough-bread");
        Assert.Equal("", cases[0].Detail);
    }

    [Fact]
    public void GoldCase_NamingASheetThePackHasNot_FailsSayingSo()
    {
        using var f = CaseFixtures.Market();

        var stale = Runner(f.Root).RunOwn().Files[0].Cases[3];

        Assert.False(stale.Passed);
        Assert.Equal("expects bakery/croissants, but bakery has no sheet 'croissants'", stale.Detail);
    }

    [Fact]
    public void TriggerQuery_AnotherPacksQuestion_FailsNamingThePackChosen()
    {
        using var f = CaseFixtures.Market();

        var triggers = Runner(f.Root).RunOwn().Files[1].Cases;

        Assert.Equal([true, false, true], triggers.Select(c => c.ShouldTrigger!.Value));
        Assert.Equal<string>(["bakery/*"], triggers[0].Expected);
        Assert.Empty(triggers[1].Expected);
        Assert.Equal("bicycle/puncture-repair", triggers[2].Chosen);
        Assert.Equal("routes to bicycle/puncture-repair, in bicycle: bakery is not chosen", triggers[2].Detail);
    }

    [Fact]
    public void TriggerQuery_OnePackAlone_ItsFieldChoosesItAndAnotherFieldFitsNone()
    {
        using var f = CaseFixtures.Market();
        var skill = CaseFixtures.Path(f, CaseFixtures.BakerySkill);

        var triggers = SkillRunner(skill).RunOwn().Files.Single(x => x.Format == CaseFormat.Trigger).Cases;

        Assert.True(triggers[0].Passed);
        Assert.Equal("bakery/sourdough-bread", triggers[0].Chosen);
        Assert.True(triggers[1].Passed);
        Assert.Equal(DecisionStatus.None, triggers[1].Decision.Status);
    }

    [Fact]
    public void RunFile_GoldFileOfNoOnePack_RoutesAcrossEveryPackAndTakesEachCasesPackFromItsSheet()
    {
        using var f = CaseFixtures.Packs();
        var file = f.Write("questions.jsonl", """
            {"query": "flat tyre with a puncture in the inner tube", "accept_first": ["bicycle/puncture-repair"]}
            {"query": "split buttercream icing", "accept_first": ["bakery/cake-icing"]}
            {"query": "split buttercream icing", "accept_first": ["bicycle/gear-shifting"]}
            {"query": "split buttercream icing", "accept_first": ["pastry/choux"]}
            {"query": "dense sourdough loaf", "accept_first": ["sourdough-bread"]}
            """);

        var result = Assert.Single(Runner(f.Root).RunFile(file).Files);

        Assert.Null(result.Pack);
        Assert.Equal(["bicycle:True", "bakery:True", "bicycle:False", "pastry:False"], result.Cases.Select(c => $"{c.Pack}:{c.Passed}"));
        Assert.Equal("routes to bakery/cake-icing; expected first bicycle/gear-shifting", result.Cases[2].Detail);
        Assert.Equal("expects pastry/choux, but no loaded pack is 'pastry'", result.Cases[3].Detail);
        var bare = Assert.Single(result.Problems);
        Assert.Equal(5, bare.Line);
        Assert.Contains("without its pack", bare.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunFile_FileInASkillFolder_IsThatPacksOwnEvenAmongOthers()
    {
        using var f = CaseFixtures.Market();
        var file = CaseFixtures.Path(f, $"{CaseFixtures.BakerySkill}/routing-cases.jsonl");

        var result = Assert.Single(Runner(f.Root).RunFile(file).Files);

        Assert.Equal("bakery", result.Pack);
        Assert.Equal([true, true, false, false], result.Cases.Select(c => c.Passed));
    }

    [Fact]
    public void RunFile_TriggerQueriesOfNoOnePack_AreRefused()
    {
        using var f = CaseFixtures.Packs();
        var file = f.Write("eval_queries.json", CaseFixtures.BakeryTriggers);

        var result = Assert.Single(Runner(f.Root).RunFile(file).Files);

        Assert.Empty(result.Cases);
        Assert.Contains("trigger queries test one skill", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunFile_OnePackLoaded_OwnsAFileFromElsewhere()
    {
        using var f = CaseFixtures.Packs();
        var file = f.Write("elsewhere/eval_queries.json", CaseFixtures.BakeryTriggers);

        var result = Assert.Single(SkillRunner(CaseFixtures.Path(f, CaseFixtures.BakerySkill)).RunFile(file).Files);

        Assert.Equal("bakery", result.Pack);
        Assert.Equal(3, result.Cases.Length);
    }

    [Fact]
    public void ChosenPack_ReadsTheDecision()
    {
        Evidence Score(string pack) => new(EvidenceKind.Score, pack, "pack score 1");
        Decision Clarify(string id, params Evidence[] evidence) =>
            new(DecisionStatus.Clarify, [], new ClarifyingQuestion(id, "Which?", []), [], [], evidence);

        Assert.Null(CaseRunner.ChosenPack(new Decision(DecisionStatus.None, [], null, [], [], [])));
        Assert.Null(CaseRunner.ChosenPack(Clarify(MarketRouter.PackQuestionId, Score("bakery"), Score("bicycle"))));
        Assert.Equal("bakery", CaseRunner.ChosenPack(Clarify("flour", Score("bakery"), Score("bicycle"))));
        Assert.Equal("bicycle", CaseRunner.ChosenPack(new Decision(DecisionStatus.Handoff, [], null, [new Handoff("bicycle", null, "", 1)], [], [])));
        Assert.Equal("bakery", CaseRunner.ChosenPack(new Decision(DecisionStatus.Routed, [new Step("bakery", "cake-icing", "", "", 2)], null, [new Handoff("bicycle", "gear-shifting", "", 1)], [], [])));
    }
}
