using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>
/// A router's Markdown read as the manifest it implies, on a small pack of our
/// own written in the conventions of the family (concern blocks, catalog,
/// clarification sections with a follow-up, a scenario table, a mistakes table,
/// "use another pack" lines).
/// </summary>
public sealed class MarkdownCompilerTests
{
    private const string Router = """
        ---
        name: using-fleet
        description: Routes questions about running a fleet of delivery drones.
        ---
        # Using Fleet

        **Don't use for**: airframe design (use `drone-design`).

        ## Routing by Concern

        ### Category 1: Flight Health

        **Symptoms**: "battery drains fast", "motor overheating"

        **Routes to**:
        - [battery-care.md](battery-care.md) - charge cycles, cell balancing, cold weather
        - [motor-care.md](motor-care.md) - bearings, overheating, vibration

        ### Category 2: Dispatch

        **Symptoms**: "parcels arrive late", "route planning"

        **Routes to**:
        - [dispatch-planning.md](dispatch-planning.md) - route planning, time windows, no-fly zones
        - [fleet-telemetry.md](fleet-telemetry.md) - GPS traces, dashboards, geofence alerts

        ## Clarification Questions

        ### Query: "My drone keeps failing"

        **Ask**: "Is it the battery, the motors, or the route it flies?"
        - Power → Follow-up: "Does it die in the air or fail to charge?"
          - In the air → Category 1 (battery-care)
          - Charging → [battery-care.md](battery-care.md)
        - Motors → [motor-care.md](motor-care.md)
        - Route → Category 2 (dispatch-planning)
        - Several → Route to multiple sheets

        ## Multi-Concern Scenarios

        | Scenario | Route Order | Why |
        |----------|-------------|-----|
        | "Plan routes and watch telemetry" | 1. Dispatch planning → 2. Fleet telemetry | Plan before watching |

        ## Common Routing Mistakes

        | Query | Wrong Route | Correct Route |
        |-------|-------------|---------------|
        | "Geofence breach" | Ignore | Route both: fleet-telemetry (geofence alerts) + dispatch-planning (no-fly zones) |

        ## When NOT to Use

        - Designing a new airframe → Use drone-design

        ## Catalog

        1. [battery-care.md](battery-care.md) - batteries
        2. [motor-care.md](motor-care.md) - motors
        3. [dispatch-planning.md](dispatch-planning.md) - routes
        4. [fleet-telemetry.md](fleet-telemetry.md) - telemetry
        """;

    private static (MarkdownRouter Router, CompiledPack Compiled) Fleet(SheetFixture f)
    {
        f.Write("fleet/skills/using-fleet/SKILL.md", Router);
        foreach (var sheet in new[] { "battery-care", "motor-care", "dispatch-planning", "fleet-telemetry" })
        {
            f.Write($"fleet/skills/using-fleet/{sheet}.md", $"# {sheet}\n\n## Basics\n\nText.\n");
        }

        f.Write("drone-design/skills/using-drone-design/SKILL.md", "---\nname: using-drone-design\ndescription: Airframes.\n---\n# Drone design\n\nSee [frames.md](frames.md).\n");
        f.Write("drone-design/skills/using-drone-design/frames.md", "# Frames\n\n## Carbon\n\nStiff.\n");
        var library = PackLibrary.Load([], [f.Root]);
        var fleet = library.FindPack("fleet")!;
        var router = new MarkdownRouter(fleet, [.. library.Packs.Where(p => p != fleet)]);
        return (router, router.Compiled!);
    }

    [Fact]
    public void Compile_FamilyConventions_GiveAManifestTheLoaderAccepts()
    {
        using var f = new SheetFixture();

        var (_, compiled) = Fleet(f);

        Assert.Empty(compiled.Diagnostics);
        var pack = Assert.IsType<Wayfinder.Packs.RoutingPack>(compiled.Pack);
        Assert.Equal(["flight-health", "dispatch"], pack.Concerns.Select(c => c.Id));
        Assert.Equal(["battery-care", "motor-care", "dispatch-planning", "fleet-telemetry"], pack.Sheets.OrderBy(s => s.Stage).Select(s => s.Id));
        Assert.Equal("dispatch", pack.SheetsById["fleet-telemetry"].ConcernId);
    }

    [Theory]
    [InlineData("how do we improve cell balancing in cold weather?", "battery-care")]
    [InlineData("the motor overheating again after ten flights", "motor-care")]
    [InlineData("we need better route planning around no-fly zones", "dispatch-planning")]
    [InlineData("our GPS traces have gaps", "fleet-telemetry")]
    public void Route_WordsTheRouterUsesForASheet_ReachIt(string question, string sheet)
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route(question, []);

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal(sheet, decision.Steps[0].Sheet);
    }

    [Fact]
    public void Route_ClarificationQuery_AsksItsQuestionWithAnswersFromTheList()
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route("my drone keeps failing", []);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal("Is it the battery, the motors, or the route it flies?", decision.Question!.Text);
        Assert.Equal(["power", "motor", "route", "several"], decision.Question.Options.Select(o => o.Answer));
    }

    [Fact]
    public void Route_FollowUpAnswered_RoutesWhereTheNestedAnswerSays()
    {
        using var f = new SheetFixture();
        var router = Fleet(f).Router;

        var followUp = router.Route("my drone keeps failing", ["power"]);
        var routed = router.Route("my drone keeps failing", ["power", "charging"]);

        Assert.Equal("Does it die in the air or fail to charge?", followUp.Question!.Text);
        Assert.Equal("battery-care", Assert.Single(routed.Steps).Sheet);
    }

    [Fact]
    public void Route_InferredManifest_CarriesTheUncalibratedConfidence()
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route("the motor overheating again", []);

        Assert.Equal(MarkdownCompiler.UncalibratedConfidence, decision.Confidence);
    }

    [Fact]
    public void Route_SeveralAnswer_TakesTheOtherAnswersRoutesInOrder()
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route("my drone keeps failing", ["several"]);

        Assert.Equal(["motor-care", "dispatch-planning"], decision.Steps.Select(s => s.Sheet));
    }

    [Fact]
    public void Route_ScenarioRow_FollowsItsOrder()
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route("we want to plan routes and then watch the telemetry", []);

        Assert.Equal(["dispatch-planning", "fleet-telemetry"], decision.Steps.Select(s => s.Sheet));
        Assert.Contains(decision.Evidence, e => e.Kind == "rule");
    }

    [Fact]
    public void Route_MistakeRowsCorrectRoute_IsFollowedInItsOrder()
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route("a geofence breach last night", []);

        Assert.Equal(["fleet-telemetry", "dispatch-planning"], decision.Steps.Select(s => s.Sheet));
    }

    [Theory]
    [InlineData("designing a new airframe for heavier parcels")]
    [InlineData("questions on airframe design")]
    public void Route_LinesThatSendQuestionsElsewhere_HandOffToThatPack(string question)
    {
        using var f = new SheetFixture();

        var decision = Fleet(f).Router.Route(question, []);

        Assert.Equal(DecisionStatus.Handoff, decision.Status);
        Assert.Equal("drone-design", decision.Handoffs[0].Pack);
    }

    [Fact]
    public void Compile_SameMarkdownTwice_GivesTheSameManifestByteForByte()
    {
        using var f = new SheetFixture();
        using var g = new SheetFixture();

        Assert.Equal(Fleet(f).Compiled.Yaml, Fleet(g).Compiled.Yaml);
    }

    [Fact]
    public void Compile_WrongPathExampleAndFencedLinks_AreNotRoutingFacts()
    {
        using var f = new SheetFixture();
        f.Write("odd/skills/using-odd/SKILL.md", """
            ---
            name: using-odd
            description: Odd.
            ---
            # Odd

            NOT at: `skills/alpha.md` ← WRONG PATH, use drone-design instead

            ```
            - [beta.md](beta.md) - fenced words only
            ```

            ## Sheets

            1. [alpha.md](alpha.md) - first letters
            2. [beta.md](beta.md) - second letters
            """);
        f.Write("odd/skills/using-odd/alpha.md", "# Alpha\n");
        f.Write("odd/skills/using-odd/beta.md", "# Beta\n");
        var odd = Assert.Single(PackLibrary.Load([], [f.Root]).Packs);

        var compiled = MarkdownCompiler.Compile(odd, []);

        Assert.True(compiled.Pack is not null, string.Join('\n', compiled.Diagnostics) + "\n" + compiled.Yaml);
        Assert.DoesNotContain("fenced", compiled.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("drone-design", compiled.Yaml, StringComparison.Ordinal);
    }

    private const string ExampleRouter = """
        ---
        name: using-fleet
        description: Routes questions about running a fleet of delivery drones.
        ---
        # Using Fleet

        ## Concerns

        ### Category 1: Flight Health

        **Symptoms**: "battery drains fast"

        **Routes to**:
        - [battery-care.md](battery-care.md) - cell balancing
        - [motor-care.md](motor-care.md) - bearings, ESC (use the BLHeli firmware)

        ### Category 2: Dispatch

        **Routes to**:
        - [dispatch-planning.md](dispatch-planning.md) - route planning
        - [fleet-telemetry.md](fleet-telemetry.md) - GPS traces

        ## Clarification

        ### Query: "My drone keeps failing"

        **Ask**: "Is it the power or the flight path?"
        - Power → Category 1
        - Path → Category 2

        ## Examples

        ### Example 1: Failing drones

        **Query**: "Our drones keep failing mid-flight"

        **Routing**:
        1. Ask: "Is it the power, the motors or the flight path?"
        2. If "power":
           - [motor-care.md](motor-care.md) (motors draw the power first)
           - [battery-care.md](battery-care.md)
        3. If "not sure yet":
           - [fleet-telemetry.md](fleet-telemetry.md) (look at the traces first)

        ### Example 2: Late and drained

        **Query**: "Parcels arrive late and batteries drain"

        **Routing**:
        1. [dispatch-planning.md](dispatch-planning.md) - plan around charge
        2. [battery-care.md](battery-care.md) - then the cells

        ## Catalog

        1. [battery-care.md](battery-care.md) - batteries
        2. [motor-care.md](motor-care.md) - motors
        3. [dispatch-planning.md](dispatch-planning.md) - routes
        4. [fleet-telemetry.md](fleet-telemetry.md) - telemetry
        """;

    private static MarkdownRouter Examples(SheetFixture f)
    {
        f.Write("fleet/skills/using-fleet/SKILL.md", ExampleRouter);
        foreach (var sheet in new[] { "battery-care", "motor-care", "dispatch-planning", "fleet-telemetry" })
        {
            f.Write($"fleet/skills/using-fleet/{sheet}.md", $"# {sheet}\n\n## Basics\n\nText.\n");
        }

        return new MarkdownRouter(Assert.Single(PackLibrary.Load([], [f.Root]).Packs));
    }

    [Fact]
    public void Compile_WorkedExample_GivesTheQuestionItsNewAnswerAndAFullerRoute()
    {
        using var f = new SheetFixture();
        var router = Examples(f);

        var asked = router.Route("my drone keeps failing", []);

        Assert.Equal(["power", "path", "not-sure"], asked.Question!.Options.Select(o => o.Answer));
        Assert.Equal(["motor-care", "battery-care"], router.Route("my drone keeps failing", ["power"]).Steps.Select(s => s.Sheet));
        Assert.Equal("fleet-telemetry", router.Route("my drone keeps failing", ["not-sure"]).Steps[0].Sheet);
    }

    [Fact]
    public void Compile_WorkedExampleWithoutAQuestion_IsARouteInItsOrder()
    {
        using var f = new SheetFixture();

        var decision = Examples(f).Route("parcels arrive late and the batteries drain", []);

        Assert.Equal(["dispatch-planning", "battery-care"], decision.Steps.Select(s => s.Sheet));
    }

    [Fact]
    public void Compile_CatalogRun_SetsTheReadingOrderNotTheExamplesNumberedLists()
    {
        using var f = new SheetFixture();

        var pack = Examples(f).Compiled!.Pack!;

        Assert.Equal(["battery-care", "motor-care", "dispatch-planning", "fleet-telemetry"], pack.Sheets.OrderBy(s => s.Stage).Select(s => s.Id));
    }

    [Fact]
    public void Compile_ProductNames_TrailTheConcernNamed()
    {
        using var f = new SheetFixture();

        var pack = Examples(f).Compiled!.Pack!;

        var tool = Assert.Single(pack.Facets, x => x.Terms.Contains("esc"));
        Assert.True(tool.Trailing);
        Assert.DoesNotContain(pack.Facets, x => !x.Trailing && x.Terms.Contains("esc"));
    }

    [Fact]
    public void Route_TooLittleInCommonWithAnySheet_AsksTheRoutersQuestionAboutTheConcern()
    {
        using var f = new SheetFixture();

        var decision = Examples(f).Route("what about the weather", []);

        Assert.Equal(DecisionStatus.Clarify, decision.Status);
        Assert.Equal(RouterBuilder.ConcernQuestionId, decision.Question!.Id);
    }
}
