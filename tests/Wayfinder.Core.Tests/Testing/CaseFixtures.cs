using Wayfinder.Core.Tests.Support;

namespace Wayfinder.Core.Tests.Testing;

/// <summary>
/// A marketplace of two small packs written for these tests (home baking,
/// bicycle repair), each keeping routing cases beside its SKILL.md: some
/// that pass, and some written to fail, each for one reason.
/// </summary>
internal static class CaseFixtures
{
    public const string BakerySkill = "plugins/bakery/skills/using-bakery";

    public const string BicycleSkill = "plugins/bicycle/skills/using-bicycle";

    /// <summary>Bakery's gold cases: lines 1 and 2 pass; 3 reaches the other sheet; 4 names a sheet the pack does not have.</summary>
    public const string BakeryCases = """
        {"query": "my sourdough starter is not rising and the loaf is dense", "accept_first": ["sourdough-bread"], "clarify": "wrong"}
        {"query": "buttercream splits when I pipe it", "accept_first": ["bakery/cake-icing.md"], "clarify": "wrong"}
        {"query": "the loaf came out dense after proving the dough", "accept_first": ["cake-icing"], "clarify": "wrong"}
        {"query": "croissant layers are not flaky", "accept_first": ["croissants"], "clarify": "wrong"}
        """;

    /// <summary>Bakery's trigger queries, in evals/: the objects on lines 2 and 3 pass; the one on line 4 is the other pack's.</summary>
    public const string BakeryTriggers = """
        [
          {"query": "sourdough starter smells sour and the dough will not rise", "should_trigger": true},
          {"query": "my bike chain keeps skipping gears", "should_trigger": false},
          {"query": "how do I patch a flat tyre on my bicycle", "should_trigger": true}
        ]
        """;

    /// <summary>Bicycle's gold cases, with ids and an empty list of answers: both pass.</summary>
    public const string BicycleCases = """
        {"id": "flat", "query": "flat tyre, where is the puncture in the inner tube", "accept_first": ["puncture-repair"]}
        {"id": "skip", "query": "chain skipping on the derailleur", "accept_first": ["gear-shifting"], "answers": []}
        """;

    /// <summary>The two packs, listed in .claude-plugin/marketplace.json, without case files.</summary>
    public static SheetFixture Packs()
    {
        var f = new SheetFixture();
        f.Write("plugins/bakery/.claude-plugin/plugin.json", """{"name": "bakery", "description": "Baking bread and decorating cakes at home."}""");
        f.Write($"{BakerySkill}/SKILL.md", """
            ---
            name: using-bakery
            description: Routes questions about home baking, bread and cakes, to the sheet that answers them.
            ---
            # Bakery router

            - [sourdough-bread.md](sourdough-bread.md): sourdough starter, proving dough, dense loaves, crust
            - [cake-icing.md](cake-icing.md): buttercream, icing, piping, fondant on cakes
            """);
        f.Write($"{BakerySkill}/sourdough-bread.md", "# Sourdough bread\n\nFeed the starter daily; a lively starter doubles within hours.\n\n## Dense loaves\n\nA dense loaf was under-proved: let the dough rise longer somewhere warm.\n");
        f.Write($"{BakerySkill}/cake-icing.md", "# Cake icing\n\nButtercream is butter beaten with icing sugar.\n\n## Split buttercream\n\nButtercream splits when the butter is too cold; warm the bowl and beat again.\n");
        f.Write($"{BicycleSkill}/SKILL.md", """
            ---
            name: using-bicycle
            description: Routes questions about fixing a bicycle, tyres and gears.
            ---
            # Bicycle router

            - [puncture-repair.md](puncture-repair.md): flat tyre, puncture, inner tube, patches
            - [gear-shifting.md](gear-shifting.md): derailleur, chain skipping, gear cables
            """);
        f.Write($"{BicycleSkill}/puncture-repair.md", "# Puncture repair\n\nTake the inner tube out of the tyre, find the hole and glue a patch over it.\n");
        f.Write($"{BicycleSkill}/gear-shifting.md", "# Gear shifting\n\nA chain that skips needs the derailleur cable tension adjusted.\n");
        f.Write(".claude-plugin/marketplace.json", """
            {
              "name": "workshop",
              "plugins": [
                {"name": "bakery", "source": "./plugins/bakery", "description": "Bread and cakes."},
                {"name": "bicycle", "source": "./plugins/bicycle", "description": "Tyres, chains and gears."}
              ]
            }
            """);
        return f;
    }

    /// <summary>The two packs with their case files: 9 cases in 3 files, 6 passing and 3 failing.</summary>
    public static SheetFixture Market()
    {
        var f = Packs();
        f.Write($"{BakerySkill}/routing-cases.jsonl", BakeryCases);
        f.Write($"{BakerySkill}/evals/eval_queries.json", BakeryTriggers);
        f.Write($"{BicycleSkill}/routing-cases.jsonl", BicycleCases);
        return f;
    }

    public static string Path(SheetFixture f, string relative) => System.IO.Path.Combine(f.Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
}
