using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class InferCommandTests
{
    private static string MlProduction => Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

    [Fact]
    public void Infer_SharedMlProduction_PrintsAManifestTheLoaderAccepts()
    {
        var result = Cli.Run(["infer", MlProduction, "--packs", SharedPacks.Directory]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("", result.Err);
        var pack = Wayfinder.Packs.PackLoader.Load(result.Out, "inferred.pack.yaml");
        Assert.Equal(10, pack.Sheets.Length);
        Assert.Contains(pack.SisterPacks, p => p.Id == "yzmir-llm-specialist");
    }

    [Theory]
    [InlineData("canary rollout for the new model")]
    [InlineData("hallucinations in production")]
    [InlineData("My model is too slow")]
    public void Infer_ManifestKeptBesideSkill_IsUsedAsWritten(string question)
    {
        using var f = new SheetFixture();
        var skill = Path.Combine(f.Root, "copy", "skills", "using-ml-production");
        Directory.CreateDirectory(skill);
        foreach (var file in Directory.GetFiles(MlProduction, "*.md"))
        {
            File.Copy(file, Path.Combine(skill, Path.GetFileName(file)));
        }

        var inferred = Cli.Run(["infer", skill]);
        File.WriteAllText(Path.Combine(skill, "routing.pack.yaml"), inferred.Out);
        var after = Cli.Run(["route", question, "--pack", skill, "--json"]);
        var written = new Wayfinder.Routing.RouterBuilder().UsePack(Wayfinder.Packs.PackLoader.Load(inferred.Out, "routing.pack.yaml")).Build();

        Assert.Equal(WayfinderCommand.Ok, after.ExitCode);
        Assert.Equal(Destinations(Wayfinder.Serialization.WayfinderJson.Serialize(written.Route(question))), Destinations(after.Out));
        Assert.DoesNotContain("\"markdown\"", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Infer_FolderWithoutSkill_IsAUsageError()
    {
        using var f = new SheetFixture();

        var result = Cli.Run(["infer", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("SKILL.md", result.Err, StringComparison.Ordinal);
    }

    private static string Destinations(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var steps = root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("sheet").GetString());
        var question = root.GetProperty("question").ValueKind == JsonValueKind.Null ? "" : root.GetProperty("question").GetProperty("id").GetString();
        return root.GetProperty("status").GetString() + ":" + question + ":" + string.Join(",", steps);
    }
}
