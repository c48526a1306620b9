using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

public sealed class MarkdownRouterTests
{
    private const string Router = """
        ---
        name: using-demo
        description: Routes demo questions.
        ---
        # Demo router

        ## "My pods keep getting evicted under load"

        **Route to**: See [capacity.md](capacity.md) for replicas, headroom and eviction.

        ## Routing table

        | Symptom | Sheet |
        |---|---|
        | Flaky nightly jobs, retries, backfills | `schedules.md` |
        """;

    private static MarkdownPack Demo(SheetFixture f)
    {
        f.Write("demo/skills/using-demo/SKILL.md", Router);
        f.Write("demo/skills/using-demo/capacity.md", "# Capacity\n\n## Headroom\n\nKeep spare capacity.\n");
        f.Write("demo/skills/using-demo/schedules.md", "# Schedules\n\n## Cron\n\nRun jobs on time.\n");
        return Assert.Single(PackLibrary.Load([], [f.Root]).Packs);
    }

    [Fact]
    public void Passages_CarryWhatTheRouterSaysAboutEachSheetWithItsHeading()
    {
        using var f = new SheetFixture();
        var passages = MarkdownRouter.Passages(Demo(f));

        var capacity = Assert.Single(passages, p => p.Sheet == "capacity");
        Assert.Contains("evicted under load", capacity.Text, StringComparison.Ordinal);
        Assert.Contains("Headroom", capacity.Text, StringComparison.Ordinal);
        Assert.Contains("backfills", Assert.Single(passages, p => p.Sheet == "schedules").Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pods are evicted when traffic spikes", "capacity")]
    [InlineData("our nightly backfill keeps failing and retrying", "schedules")]
    public void Route_QuestionInTheRoutersWords_ReachesItsSheet(string question, string sheet)
    {
        using var f = new SheetFixture();

        var decision = new MarkdownRouter(Demo(f)).Route(question);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal(sheet, decision.Steps[0].Sheet);
        Assert.Equal("demo", decision.Steps[0].Pack);
    }

    [Fact]
    public void Route_NoWordInCommon_AsksWhichSheet()
    {
        using var f = new SheetFixture();

        var decision = new MarkdownRouter(Demo(f)).Route("zebra");

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal(["capacity", "schedules"], decision.Question!.Options.Select(o => o.Answer));
    }

    [Fact]
    public void ManifestBesideSkill_IsUsedForRouting()
    {
        using var f = SheetFixture.Standard();
        f.Write("yzmir-ml-production/skills/using-ml-production/routing.pack.yaml", ManifestText.BuiltIn);
        var skill = Path.Combine(f.Root, "yzmir-ml-production", "skills", "using-ml-production");
        const string question = "Quantize our Llama-2-13b with AWQ and serve it on an A100";

        var pack = Assert.Single(PackLibrary.Load([skill], []).Packs);
        var result = Cli.Cli.Run(["route", question, "--pack", skill, "--json"]);

        Assert.NotNull(pack.Manifest);
        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(WayfinderJson.Serialize(Routers.BuiltIn.Route(question)), result.Out.Trim());
    }

    [Fact]
    public void ManifestBesideSkillWithErrors_IsReportedWithItsLine()
    {
        using var f = SheetFixture.Standard();
        f.Write("yzmir-ml-production/skills/using-ml-production/routing.pack.yaml", "id: x\ntitle: y\ncalibrated: 2026-01\nbogus: 1\n");

        var library = PackLibrary.Load([], [f.Root]);

        Assert.Contains(library.Diagnostics, d => d.File.EndsWith("routing.pack.yaml", StringComparison.Ordinal) && d.Line == 4);
        Assert.Null(library.FindPack("yzmir-ml-production")!.Manifest);
    }

    [Fact]
    public void RouteCommand_PackWithoutManifest_RoutesByItsRouter()
    {
        using var f = new SheetFixture();
        Demo(f);

        var result = Cli.Cli.Run(["route", "pods evicted under load", "--pack", Path.Combine(f.Root, "demo", "skills", "using-demo")]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains("demo/capacity", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RouteCommand_FolderWithoutSkill_IsAUsageError()
    {
        using var f = new SheetFixture();

        var result = Cli.Cli.Run(["route", "anything", "--pack", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("SKILL.md", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_OverSeveralPacks_ReachesTheSheetOfTheRightPack()
    {
        using var f = SheetFixture.Standard();
        f.Write("yzmir-ml-production/skills/using-ml-production/SKILL.md", "# R\n\n- Batching, endpoints, streaming: [model-serving-patterns.md](model-serving-patterns.md)\n- INT8 calibration: [quantization-for-inference.md](quantization-for-inference.md)\n");
        f.Write("yzmir-llm-specialist/skills/using-llm-specialist/SKILL.md", "# R\n\n- Chunking and reranking for retrieval: [rag-architecture-patterns.md](rag-architecture-patterns.md)\n");

        var router = new MarkdownRouter(PackLibrary.Load([], [f.Root]).Packs);

        var decision = router.Route("how should we do chunking and reranking");
        Assert.Equal(("yzmir-llm-specialist", "rag-architecture-patterns"), (decision.Steps[0].Pack, decision.Steps[0].Sheet));
        Assert.Equal("pack", router.Route("zebra").Question!.Id);
    }

    [Theory]
    [InlineData("my training loss is not converging", "yzmir-training-optimization")]
    [InlineData("prompt injection attacks on our chatbot", "ordis-security-architect")]
    public void Route_SharedMlProductionFromMarkdown_HandsOffWhereItsRouterSays(string question, string pack)
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var own = library.FindPack("yzmir-ml-production")!;

        var decision = new MarkdownRouter(own, [.. library.Packs.Where(p => p != own)]).Route(question);

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Equal(pack, decision.Handoffs[0].Pack);
    }

    [Fact]
    public void Route_SharedMlProductionFromMarkdown_HandsHallucinationsOffToASheetThatExists()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var own = library.FindPack("yzmir-ml-production")!;

        var decision = new MarkdownRouter(own, [.. library.Packs.Where(p => p != own)]).Route("hallucinations in production");

        Assert.Equal("production-monitoring-and-alerting", decision.Steps[0].Sheet);
        var handoff = Assert.Single(decision.Handoffs);
        Assert.Equal(("yzmir-llm-specialist", "llm-evaluation-metrics"), (handoff.Pack, handoff.Sheet));
        Assert.True(File.Exists(library.FindSheet(handoff.Pack, handoff.Sheet!)!.FullPath));
    }

    [Fact]
    public void Route_SharedMlProductionFromMarkdown_RoutesItsOwnSheets()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var own = library.FindPack("yzmir-ml-production")!;

        var decision = new MarkdownRouter(own, [.. library.Packs.Where(p => p != own)]).Route("canary rollout for the new model");

        Assert.Equal("deployment-strategies", decision.Steps[0].Sheet);
    }

    private const string AskingRouter = """
        ---
        name: using-demo
        description: Routes demo questions.
        ---
        # Demo router

        ## Capacity

        Pods evicted, replicas, headroom: [capacity.md](capacity.md).

        ## Schedules

        Nightly jobs, cron, backfills: [schedules.md](schedules.md).

        ## Questions to ask first

        ### Query: "My jobs are broken"

        **Ask**: "Do the jobs fail to start on time, or get evicted while running?"
        - On time → [schedules.md](schedules.md)
        - Evicted → [capacity.md](capacity.md)
        """;

    private static MarkdownRouter Asking(SheetFixture f)
    {
        f.Write("demo/skills/using-demo/SKILL.md", AskingRouter);
        f.Write("demo/skills/using-demo/capacity.md", "# Capacity\n\n## Headroom\n\nKeep spare capacity.\n");
        f.Write("demo/skills/using-demo/schedules.md", "# Schedules\n\n## Cron\n\nRun jobs on time.\n");
        return new MarkdownRouter(Assert.Single(PackLibrary.Load([], [f.Root]).Packs));
    }

    [Fact]
    public void Route_QuestionThatOnlyRepeatsAnAmbiguousQuery_AsksTheRoutersQuestion()
    {
        using var f = new SheetFixture();

        var decision = Asking(f).Route("my jobs are broken!", []);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal("Do the jobs fail to start on time, or get evicted while running?", decision.Question!.Text);
        Assert.Equal(["on-time", "evicted"], decision.Question.Options.Select(o => o.Answer));
    }

    [Fact]
    public void Route_AmbiguousQueryWithAnAnswer_RoutesByTheAnswer()
    {
        using var f = new SheetFixture();

        var decision = Asking(f).Route("my jobs are broken", ["evicted"]);

        Assert.Equal("capacity", decision.Steps[0].Sheet);
    }

    [Fact]
    public void Route_QuestionWithMoreThanTheAmbiguousQuery_IsRoutedNotAsked()
    {
        using var f = new SheetFixture();

        var decision = Asking(f).Route("my nightly cron jobs are broken", []);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal("schedules", decision.Steps[0].Sheet);
    }

    [Fact]
    public void Route_SharedMlProductionFromMarkdown_AsksAboutABareSlowModel()
    {
        var library = PackLibrary.Load([], [SharedPacks.Directory]);
        var own = library.FindPack("yzmir-ml-production")!;
        var router = new MarkdownRouter(own, [.. library.Packs.Where(p => p != own)]);

        var decision = router.Route("My model is too slow", []);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Contains(decision.Question!.Options, o => o.Answer == "training");
        Assert.Equal("yzmir-training-optimization", router.Route("My model is too slow", ["training"]).Handoffs[0].Pack);
    }

    private static string SharedMlProductionSkill => Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

    [Fact]
    public void Route_SharedMlProductionAlone_AnswerTrainingHandsOffToThePackItsRouterNames()
    {
        var own = Assert.Single(PackLibrary.Load([SharedMlProductionSkill], []).Packs);

        var decision = new MarkdownRouter(own).Route("My model is too slow", ["training"]);

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Empty(decision.Steps);
        Assert.Equal(("training-optimization", null), (Assert.Single(decision.Handoffs).Pack, decision.Handoffs[0].Sheet));
    }

    [Fact]
    public void RouteCommand_SharedMlProductionAlone_HandsATrainingQuestionOff()
    {
        var result = Cli.Cli.Run(["route", "training is slow", "--pack", SharedMlProductionSkill]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.StartsWith("Hand off:", result.Out, StringComparison.Ordinal);
        Assert.Contains("1. training-optimization (any sheet)  [hand-off]", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("yzmir-ml-production/", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_QuestionMatchingAScenarioRow_FollowsItsOrder()
    {
        using var f = new SheetFixture();
        f.Write("demo/skills/using-demo/SKILL.md", """
            ---
            name: using-demo
            description: Routes demo questions.
            ---
            # Demo router

            ### Concern A: Capacity Planning

            **Routes to**: [capacity.md](capacity.md)

            ### Concern B: Job Schedules

            **Routes to**: [schedules.md](schedules.md)

            ## Several concerns

            | Scenario | Route order | Why |
            |---|---|---|
            | "Reschedule jobs and add headroom" | 1. Schedules → 2. Capacity | Timing first |
            """);
        f.Write("demo/skills/using-demo/capacity.md", "# Capacity\n\nHeadroom and replicas.\n");
        f.Write("demo/skills/using-demo/schedules.md", "# Schedules\n\nCron.\n");
        var router = new MarkdownRouter(Assert.Single(PackLibrary.Load([], [f.Root]).Packs));

        var decision = router.Route("we need to reschedule the nightly jobs and add headroom", []);

        Assert.Equal(["schedules", "capacity"], decision.Steps.Select(s => s.Sheet));
        Assert.Contains(decision.Evidence, e => e.Kind == "rule" && e.Text.Contains("Reschedule jobs and add headroom", StringComparison.Ordinal));
    }
}
