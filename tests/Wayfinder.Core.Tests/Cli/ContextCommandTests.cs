using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class ContextCommandTests
{
    [Fact]
    public void Context_WithPacks_PrintsSectionsWithTheirOrigin()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["context", "Quantize the model to INT8 with calibration data", "--packs", f.Root, "--budget", "500"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains("tokens (o200k_base)", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("quantization-for-inference.md:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_Json_HasTheDecisionAndSections()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["context", "Quantize the model to INT8", "--packs", f.Root, "--json"]);

        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("routed", doc.RootElement.GetProperty("decision").GetProperty("status").GetString());
        var first = doc.RootElement.GetProperty("sections")[0];
        foreach (var key in new[] { "pack", "sheet", "headingPath", "file", "startLine", "endLine", "tokens", "text" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }
    }

    [Theory]
    [InlineData("Our fraud model's precision dropped after the new data pipeline shipped")]
    [InlineData("my model is too slow")]
    public void Context_WithPacks_RoutesAcrossThemAsEveryHostDoes(string question)
    {
        var service = new Wayfinder.Api.WayfinderService(
            Routers.BuiltIn,
            Wayfinder.Library.PackLibrary.Load([], [SharedPacks.Directory]),
            new Wayfinder.Marketplace.MarketRouter(Wayfinder.Library.PackLibrary.Load([], [SharedPacks.Directory]).Packs, Routers.BuiltIn));

        var result = Cli.Run(["context", question, "--packs", SharedPacks.Directory, "--budget", "1200", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(Wayfinder.Serialization.WayfinderJson.Serialize(service.Context(question, [], 1200)), result.Out.TrimEnd('\n'));
    }

    [Fact]
    public void Context_WithoutPacks_IsAUsageErrorThatSaysWhatToGive()
    {
        var result = Cli.Run(["context", "Quantize the model"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("--packs", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_PacksFolderHoldingNoPack_IsAUsageError()
    {
        using var f = new SheetFixture();

        var result = Cli.Run(["context", "Quantize the model", "--packs", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains($"no pack loaded from {f.Root}", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Context_BadBudget_IsAUsageErrorInTheServicesWords(string budget)
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["context", "Quantize the model", "--packs", f.Root, "--budget", budget]);
        var refused = Assert.Throws<WayfinderError>(() => Wayfinder.Api.WayfinderService.CheckBudget(int.Parse(budget, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Equal($"budget must be between 1 and 200000 tokens, not {budget}", refused.Message);
        Assert.StartsWith($"wayfinder: {refused.Message}\n", result.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Context_AnswerMatchingNoOption_IsAUsageError()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["context", "my model is too slow", "--packs", f.Root, "--answer", "bogus"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("'bogus' matches none of", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Context_BrokenPackBesideGoodOnes_WarnsAndStillAnswers()
    {
        using var f = SheetFixture.Standard();
        f.Write("broken/skills/using-broken/SKILL.md", "---\nname: [unclosed\n---\n");

        var result = Cli.Run(["context", "Quantize the model to INT8", "--packs", f.Root]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains("SKILL.md:", result.Err, StringComparison.Ordinal);
        Assert.Contains("quantization-for-inference", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Sheet_PrintsItsMarkdown()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["open", "yzmir-ml-production/model-serving-patterns", "--packs", f.Root]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.StartsWith("# Model serving patterns", result.Out, StringComparison.Ordinal);
        Assert.Contains("## Streaming responses", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Section_PrintsOnlyThatSection()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Run(["open", "yzmir-ml-production/model-serving-patterns", "--section", "Dynamic batching", "--packs", f.Root]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.StartsWith("## Dynamic batching", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Streaming", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yzmir-ml-production/no-such-sheet", null, "no sheet")]
    [InlineData("just-a-name", null, "PACK/SHEET")]
    [InlineData("yzmir-ml-production/model-serving-patterns", "No such heading", "no section")]
    public void Open_BadReference_IsAUsageErrorNamingIt(string reference, string? section, string message)
    {
        using var f = SheetFixture.Standard();
        string[] args = section is null ? ["open", reference, "--packs", f.Root] : ["open", reference, "--section", section, "--packs", f.Root];

        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }
}
