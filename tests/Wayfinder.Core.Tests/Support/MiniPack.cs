using System.Text.Json.Nodes;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Scoring;

namespace Wayfinder.Core.Tests.Support;

/// <summary>
/// The small "mini" pack of the weighted routing tests (four sheets in two
/// concerns, a broad need that asks 'phase', a setting, a sister pack, a
/// lexicon), and gold lines for it, for the tests of the fitted model.
/// </summary>
internal static class MiniPack
{
    public const string Manifest = """
        id: mini
        title: Mini pack
        calibrated: 2026-01
        concerns:
          speed:
            title: Speed
          ops:
            title: Operations
        sheets:
          tuning:
            concern: speed
            stage: 1
            summary: Tuning.
          serving:
            concern: speed
            stage: 2
            summary: Serving.
          watching:
            concern: ops
            stage: 3
            summary: Watching.
          fixing:
            concern: ops
            stage: 4
            summary: Fixing.
        packs:
          other-pack:
            title: Another pack
            owns: what this pack does not
        facets:
          slow:
            terms: [slow]
            ask: phase
          tune:
            terms: [tune, tuning]
            sheets: [tuning]
          serve:
            terms: [serve, server]
            sheets: [serving]
          watch:
            terms: [alert, dashboard, metric, drift]
            sheets: [watching]
          fix:
            terms: [fix, broken]
            sheets: [fixing]
          gpu-setting:
            terms: ["on gpu"]
            sheets: [tuning]
            trailing: true
            context: true
          bigtool:
            terms: [bigtool]
            sheets: [serving]
            trailing: true
          trouble:
            terms: [worse, stuck]
          quiet:
            terms: [quiet]
            sheets: [watching]
            yields-to: [fix]
        questions:
          phase:
            text: Which phase?
            options:
              - answer: serving
                label: Serving
                given-by: [serve]
                route:
                  - serving: Serve.
              - answer: tuning
                label: Tuning
                given-by: [tune]
                route:
                  - tuning: Tune.
        rules:
          - id: both
            source: test
            when: {all: [serve, watch, fix]}
            route:
              - watching: Watch first.
              - fixing: Then fix.
        companions:
          - after: [serving]
            when: {any: [trouble]}
            add: fixing
            why: A problem is reported.
        lexicon:
          tuning:
            3: [cudagraph, "fused kernel"]
          watching:
            3: [prometheus]
            1: [latency]
          other-pack:
            3: [faraway]
        confidence:
          rule: 0.7
          composed-clear: 0.9
          composed-close: 0.5
          lexicon: 0.6
          path: 0.65
        ask-order: [slow]
        """;

    /// <summary>The pack, loaded once (it is immutable).</summary>
    public static RoutingPack Pack { get; } = PackLoader.Load(Manifest, "mini.yaml");

    /// <summary>A router over the pack with <paramref name="model"/> (null: the unfitted model).</summary>
    public static Router Router(RouteModel? model = null) => new RouterBuilder().UsePack(Pack).UseModel(model).Build();

    /// <summary>One gold line: a question, its accepted first destinations, whether asking is right, its split and project.</summary>
    public static string Line(string id, string query, string[] acceptFirst, string split, string? project = null, string clarify = ClarifyExpectation.Wrong)
    {
        var line = new JsonObject
        {
            ["id"] = id,
            ["query"] = query,
            ["accept_first"] = new JsonArray([.. acceptFirst.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["clarify"] = clarify,
            ["split"] = split,
        };
        if (project is not null)
        {
            line["project"] = project;
        }

        return line.ToJsonString();
    }

    /// <summary>Gold lines read as a gold set.</summary>
    public static GoldSet Gold(params string[] lines)
    {
        var gold = GoldSet.Read(new StringReader(string.Join("\n", lines)), "mini-gold.jsonl");
        if (!gold.Errors.IsEmpty)
        {
            throw new InvalidOperationException($"bad gold lines in a test: {string.Join("; ", gold.Errors)}");
        }

        return gold;
    }

    /// <summary>
    /// Training questions in which "zebra" means tuning and "quokka" means
    /// watching, each zebra and quokka question from its own project (so that
    /// fitting, which reads a question without its project's examples, sees
    /// the words carry), with a few the rules route by their facets.
    /// </summary>
    public static readonly string[] Train =
    [
        Line("t1", "zebra kernels everywhere", ["mini/tuning"], "train", "p1"),
        Line("t2", "zebra stripes in the graph", ["mini/tuning"], "train", "p2"),
        Line("t3", "quokka pager at night", ["mini/watching"], "train", "p3"),
        Line("t4", "quokka page storm", ["mini/watching"], "train", "p4"),
        Line("t5", "tune it", ["mini/tuning"], "train", "p5"),
        Line("t6", "serve it", ["mini/serving"], "train", "p6"),
        Line("t7", "fix it", ["mini/fixing"], "train", "p7"),
        Line("t8", "an alert fired", ["mini/watching"], "train", "p8"),
    ];

    /// <summary>Questions to set the ask policy on: a broad need beside a zebra word that means tuning, a quokka question.</summary>
    public static readonly string[] Dev =
    [
        Line("d1", "slow zebra", ["mini/tuning"], "dev", "p9"),
        Line("d2", "quokka trouble", ["mini/watching"], "dev", "p10"),
    ];
}
