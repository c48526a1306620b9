using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

/// <summary>
/// What inference reads from the constructs of a router that a plain catalogue
/// does not have, on a small pack of our own: quoted scenarios of one word,
/// negated symptoms, routing mistakes, symptom sections, decision tables and
/// trees, and sheets named by a short form of their file name.
/// </summary>
public sealed class MarkdownInferenceTests
{
    private const string Router = """
        ---
        name: using-garden
        description: Routes questions about keeping a vegetable garden.
        ---
        # Using Garden

        ## Catalogue

        1. [soil-care-and-composting.md](soil-care-and-composting.md) - compost heaps, pH, drainage
        2. [watering-schedules.md](watering-schedules.md) - drip lines, timers, drought
        3. [pest-control-indoor.md](pest-control-indoor.md) - greenhouse pests, bugs, fungus gnats
        4. [pest-control-outdoor.md](pest-control-outdoor.md) - slugs, aphids, netting, yellowing
        5. [harvest-planning.md](harvest-planning.md) - picking dates, succession sowing

        ## Situations

        | Situation | Route to |
        |-----------|----------|
        | "Watering" | [watering-schedules.md](watering-schedules.md) |
        | "Slugs on lettuce, then plan the harvest" | 1. [pest-control-outdoor.md](pest-control-outdoor.md) → 2. [harvest-planning.md](harvest-planning.md) |
        | Rich, dark crumbly loam | `soil-care` |
        | "Mulch depth for beds" | `care-composting` |
        | Aphids on indoor herbs | `pest-control` |
        | Storing squash over winter | `harvest-storage.md` |
        | "Plants" | [watering-schedules.md](watering-schedules.md) |
        | Plants | [harvest-planning.md](harvest-planning.md) |

        ## Symptoms

        **Symptoms**: "leaves not growing"

        **Routes to**:
        - [soil-care-and-composting.md](soil-care-and-composting.md) - nitrogen
        - [watering-schedules.md](watering-schedules.md) - soaking

        ### "Seedlings collapse under the lamps"

        **Symptoms**: damping off; leggy stems

        **Route to**: [soil-care-and-composting.md](soil-care-and-composting.md) first, then [watering-schedules.md](watering-schedules.md)

        ## Decision Tree

        ```
        Is it about the harvest?
        ├─ Frost dates? → harvest-planning
        └─ Bolting lettuce → harvest-planning
        ```

        ## Common Routing Mistakes

        | Query | Wrong Route | Correct Route |
        |-------|-------------|---------------|
        | "Yellowing tomato plants" | pest-control-outdoor | Ask: watering or soil? |
        """;

    private static readonly string[] Sheets = ["soil-care-and-composting", "watering-schedules", "pest-control-indoor", "pest-control-outdoor", "harvest-planning"];

    private static (MarkdownRouter Router, CompiledPack Compiled) Garden(SheetFixture f)
    {
        f.Write("garden/skills/using-garden/SKILL.md", Router);
        foreach (var sheet in Sheets)
        {
            f.Write($"garden/skills/using-garden/{sheet}.md", $"# {sheet}\n\n## Basics\n\nPlants need this.\n");
        }

        var router = new MarkdownRouter(Assert.Single(PackLibrary.Load([], [f.Root]).Packs));
        return (router, router.Compiled!);
    }

    [Fact]
    public void Compile_QuotedScenarioOfOneWord_IsNoRule()
    {
        using var f = new SheetFixture();

        var (router, compiled) = Garden(f);

        Assert.DoesNotContain(compiled.Pack!.Rules, r => r.Source.Contains("\"Watering\"", StringComparison.Ordinal));
        Assert.NotEqual(DecisionBasis.Rule, router.Route("watering the slugs by hand", []).Basis);
    }

    [Fact]
    public void Compile_WordEverySheetUses_PointsNowhereAlone()
    {
        using var f = new SheetFixture();

        var pack = Garden(f).Compiled.Pack!;

        Assert.DoesNotContain(pack.Facets, x => x.Terms.Contains("plant*"));
    }

    [Fact]
    public void Compile_QuotedScenarioOfSeveralWords_IsARuleInItsOrder()
    {
        using var f = new SheetFixture();

        var decision = Garden(f).Router.Route("slugs all over the lettuce and then we plan the harvest", []);

        Assert.Equal(DecisionBasis.Rule, decision.Basis);
        Assert.Equal(["pest-control-outdoor", "harvest-planning"], decision.Steps.Select(s => s.Sheet));
    }

    [Fact]
    public void Compile_NegatedSymptom_KeepsItsNegation()
    {
        using var f = new SheetFixture();

        var (router, compiled) = Garden(f);

        Assert.Contains(compiled.Pack!.Facets, x => x.Terms.Contains("leave* ~ not growing*") && x.Terms.Contains("leave* ~ t growing*"));
        Assert.DoesNotContain(compiled.Pack.Facets, x => x.Terms.Contains("leave* ~ growing*"));
        Assert.Equal("soil-care-and-composting", router.Route("the leaves are not growing at all", []).Steps[0].Sheet);
    }

    [Fact]
    public void Compile_MistakeRow_SetsTheWrongSheetsWordsAside()
    {
        using var f = new SheetFixture();

        var router = Garden(f).Router;

        var rules = router.RouteByRules("yellowing tomato plants under the netting", [])!;

        Assert.Contains(rules.Evidence, e => e.Kind == EvidenceKind.Suppressed && e.Ref == "sheet-pest-control-outdoor");
        Assert.DoesNotContain(rules.Steps, s => s.Sheet == "pest-control-outdoor");
    }

    [Fact]
    public void Compile_WordOfTheWrongSheet_StillPointsAtItOutsideTheMistake()
    {
        using var f = new SheetFixture();

        var decision = Garden(f).Router.Route("yellowing leaves with aphids underneath", []);

        Assert.Equal("pest-control-outdoor", decision.Steps[0].Sheet);
    }

    [Fact]
    public void Compile_SymptomSection_GivesItsWordsAndItsRoute()
    {
        using var f = new SheetFixture();
        var router = Garden(f).Router;

        var section = router.Route("seedlings collapse under the lamps overnight", []);
        var symptom = router.Route("leggy stems everywhere", []);

        Assert.Equal(["soil-care-and-composting", "watering-schedules"], section.Steps.Select(s => s.Sheet));
        Assert.Equal("soil-care-and-composting", symptom.Steps[0].Sheet);
    }

    [Theory]
    [InlineData("rich dark crumbly loam for the beds", "soil-care-and-composting")]
    [InlineData("what mulch depth for beds", "soil-care-and-composting")]
    [InlineData("frost dates for my region", "harvest-planning")]
    [InlineData("bolting lettuce again", "harvest-planning")]
    public void Compile_DecisionTableAndTreeRows_PointAtTheSheetTheyName(string question, string sheet)
    {
        using var f = new SheetFixture();

        var decision = Garden(f).Router.Route(question, []);

        Assert.Equal(sheet, decision.Steps[0].Sheet);
    }

    [Fact]
    public void Compile_ShortFormOfSeveralSheets_IsADiagnosticOnItsLine()
    {
        using var f = new SheetFixture();

        var compiled = Garden(f).Compiled;

        var diagnostic = Assert.Single(compiled.Diagnostics, d => d.Message.Contains("'pest-control'", StringComparison.Ordinal));
        Assert.Equal(23, diagnostic.Line);
        Assert.Contains("pest-control-indoor, pest-control-outdoor", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_FileInARouteThatIsNoSheet_IsADiagnostic()
    {
        using var f = new SheetFixture();

        var compiled = Garden(f).Compiled;

        Assert.Contains(compiled.Diagnostics, d => d.Line == 24 && d.Message.Contains("'harvest-storage.md' names no sheet", StringComparison.Ordinal));
        Assert.NotNull(compiled.Pack);
    }

    [Fact]
    public void Compile_InferredPack_LoadsBackFromItsYamlEqualInEveryProperty()
    {
        using var f = new SheetFixture();
        var compiled = Garden(f).Compiled;

        var loaded = PackLoader.Load(compiled.Yaml, "garden.pack.yaml");

        Assert.Empty(PackComparison.Differences(compiled.Pack, loaded));
    }
}
