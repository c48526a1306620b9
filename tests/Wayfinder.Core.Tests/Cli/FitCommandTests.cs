using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Wayfinder.Scoring;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>
/// <c>wayfinder fit</c> run in-process: its usage errors, a fit of a pack on
/// disk written to a file the pack and <c>eval --model</c> read, with the
/// ask margin's curve on stderr.
/// </summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly SheetFixture _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The mini pack as a skill folder on disk: SKILL.md, a sheet and its manifest.</summary>
    private string MiniSkill()
    {
        _files.Write("mini/skills/using-mini/SKILL.md", "---\nname: using-mini\ndescription: Routes mini questions.\n---\n# Mini router\n\nRead the sheets.\n");
        _files.Write("mini/skills/using-mini/tuning.md", "# Tuning\n\nTune the kernels.\n");
        _files.Write("mini/skills/using-mini/mini.pack.yaml", MiniPack.Manifest);
        return Path.Combine(_files.Root, "mini", "skills", "using-mini");
    }

    private string Gold(params string[] lines) => _files.Write($"gold-{Guid.NewGuid():N}.jsonl", string.Join("\n", lines) + "\n");

    private string TrainAndDev() => Gold([.. MiniPack.Train, .. MiniPack.Dev]);

    private static string Line(Cli.Result result, string start) =>
        Assert.Single(result.OutLines, l => l.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void Fit_MissingGoldFile_IsAUsageErrorNamingIt()
    {
        var missing = Path.Combine(_files.Root, "no-such-gold.jsonl");

        var result = Cli.Run(["fit", missing, "--pack", MiniSkill()]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains($"gold file not found: {missing}", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Fit_SplitWithNoQuestion_IsAUsageError()
    {
        var gold = TrainAndDev();

        var result = Cli.Run(["fit", gold, "--split", "nosuch", "--pack", MiniSkill()]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains($"no usable question in {gold} (split 'nosuch')", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Fit_SplitWithNoQuestionForTheBuiltInPack_IsAUsageError()
    {
        var result = Cli.Run(["fit", TrainAndDev(), "--split", "nosuch"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("no usable question", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TuneSplitWithNoQuestion_IsAUsageError()
    {
        var result = Cli.Run(["fit", TrainAndDev(), "--tune", "nosuch", "--pack", MiniSkill()]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("no usable question to set the ask margin on", result.Err, StringComparison.Ordinal);
        Assert.Contains("(split 'nosuch')", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingKeepFile_IsAUsageErrorNamingIt()
    {
        var missing = Path.Combine(_files.Root, "no-such-keep.jsonl");

        var result = Cli.Run(["fit", TrainAndDev(), "--pack", MiniSkill(), "--keep", missing]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains($"--keep file not found: {missing}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_PackFolderWithoutSkill_IsAUsageError()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_files.Root, "empty")).FullName;

        var result = Cli.Run(["fit", TrainAndDev(), "--pack", empty]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("SKILL.md", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_PackFolderWithManifest_WritesAModelFileThatReadsBack()
    {
        var gold = TrainAndDev();
        var output = Path.Combine(_files.Root, "fitted.model.json");

        var result = Cli.Run(["fit", gold, "--pack", MiniSkill(), "-o", output]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("", result.Out);
        var model = RouteModel.FromJson(File.ReadAllText(output), output);
        Assert.Equal("mini", model.Pack);
        Assert.Equal(Path.GetFileName(gold), model.Corpus.File);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(gold))), model.Corpus.Sha256);
        Assert.Equal("train", model.Corpus.Split);
        Assert.Equal(MiniPack.Train.Length, model.Corpus.Items);
        Assert.Contains($"wrote {output}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_PackFolderWithManifest_PrintsTheMarginCurveOnStderr()
    {
        var output = Path.Combine(_files.Root, "fitted.model.json");

        var result = Cli.Run(["fit", TrainAndDev(), "--pack", MiniSkill(), "-o", output]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var lines = result.Err.Split('\n');
        Assert.Contains("ask margin: accuracy, false-clarify, clarify recall, relevant@3", lines);
        var points = lines.Where(l => Regex.IsMatch(l, @"^\s+\d\.\d\d: ")).ToList();
        Assert.Equal(FitOptions.Margins.Length, points.Count);
        var chosen = Assert.Single(points, p => p.EndsWith("<- chosen", StringComparison.Ordinal));
        var model = RouteModel.FromJson(File.ReadAllText(output), output);
        Assert.StartsWith(FormattableString.Invariant($"{model.Ask.Margin,7:0.00}:"), chosen, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith($"fitted on {MiniPack.Train.Length} questions of ", StringComparison.Ordinal));
    }

    [Fact]
    public void Fit_WithoutOutput_WritesTheSameModelOnStdout()
    {
        var gold = TrainAndDev();
        var skill = MiniSkill();
        var output = Path.Combine(_files.Root, "fitted.model.json");

        var toFile = Cli.Run(["fit", gold, "--pack", skill, "-o", output]);
        var toStdout = Cli.Run(["fit", gold, "--pack", skill]);

        Assert.Equal(WayfinderCommand.Ok, toFile.ExitCode);
        Assert.Equal(WayfinderCommand.Ok, toStdout.ExitCode);
        Assert.Equal(File.ReadAllText(output), toStdout.Out);
    }

    [Fact]
    public void Route_FittedModelInstalledBesideSkill_IsUsedForThePack()
    {
        const string question = "a zebra problem";
        var skill = MiniSkill();
        var output = Path.Combine(_files.Root, "fitted.model.json");
        Assert.Equal(WayfinderCommand.Ok, Cli.Run(["fit", TrainAndDev(), "--pack", skill, "-o", output]).ExitCode);

        var before = Cli.Run(["route", question, "--pack", skill, "--json"]);
        File.Copy(output, Path.Combine(skill, "mini.model.json"));
        var after = Cli.Run(["route", question, "--pack", skill, "--json"]);

        var model = RouteModel.FromJson(File.ReadAllText(output), output);
        Assert.Equal(WayfinderCommand.Ok, before.ExitCode);
        Assert.Equal(WayfinderCommand.Ok, after.ExitCode);
        Assert.Equal(WayfinderJson.Serialize(MiniPack.Router().Route(question)), before.Out.Trim());
        Assert.Equal(WayfinderJson.Serialize(MiniPack.Router(model).Route(question)), after.Out.Trim());
        Assert.NotEqual(before.Out, after.Out);
    }

    // eval --model: the built-in pack routed with a model file instead of its own.

    private static readonly string[] BuiltInGold =
    [
        """{"id": "e-canary", "query": "canary rollout", "accept_first": ["yzmir-ml-production/deployment-strategies"], "clarify": "wrong"}""",
        """{"id": "e-int8", "query": "quantize to int8", "accept_first": ["yzmir-ml-production/quantization-for-inference"], "clarify": "wrong"}""",
        """{"id": "e-slow", "query": "my model is too slow", "accept_first": [], "clarify": "required"}""",
        """{"id": "e-torchserve", "query": "we use TorchServe on A100s", "accept_first": ["yzmir-ml-production/model-serving-patterns"], "clarify": "allowed"}""",
    ];

    /// <summary>A model of the built-in pack that puts one sheet first on every route: no feature counts, a large prior, no override margin.</summary>
    private static RouteModel Everything(string sheet) =>
        RouteModel.Unfitted(BuiltInPack.Value.Id) with
        {
            Weights = [.. RouteModel.FeatureNames.Select(_ => 0.0)],
            Bias = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create($"{BuiltInPack.Value.Id}/{sheet}", 10.0)]),
            Ask = new AskSettings(2, 0, 0, 0),
        };

    [Fact]
    public void Eval_ModelFile_RoutesWithIt()
    {
        var gold = Gold(BuiltInGold);
        var model = Everything("production-monitoring-and-alerting");
        var file = _files.Write("everything.model.json", model.ToJson());
        var questions = GoldSet.Read(gold).Questions;
        var withModel = EvalRunner.Run(Matchers.Default(new RouterBuilder().UseBuiltInPack().UseModel(model).Build()), questions, BuiltInPack.Value).Report;
        var shipped = EvalRunner.Run(Matchers.Default(Routers.BuiltIn), questions, BuiltInPack.Value).Report;

        var result = Cli.Run(["eval", gold, "--model", file]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.NotEqual(shipped.Correct, withModel.Correct);
        Assert.EndsWith($"({withModel.Correct}/{BuiltInGold.Length})", Line(result, "accuracy"), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ModelOfAnotherPack_IsAUsageErrorNamingBothPacks()
    {
        var gold = Gold(BuiltInGold);
        var file = _files.Write("mini.model.json", (RouteModel.Unfitted("mini")).ToJson());

        var result = Cli.Run(["eval", gold, "--model", file]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("fitted for pack 'mini'", result.Err, StringComparison.Ordinal);
        Assert.Contains(BuiltInPack.Value.Id, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Eval_BadModelFile_IsAUsageErrorNamingIt()
    {
        var gold = Gold(BuiltInGold);
        var file = _files.Write("bad.model.json", "{ \"format\": 1, ");

        var result = Cli.Run(["eval", gold, "--model", file]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(file, result.Err, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
