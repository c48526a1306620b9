using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class ListingTests
{
    private static readonly RoutingPack Pack = BuiltInPack.Value;

    [Fact]
    public void Packs_Human_ListsTheRoutingPackThenEverySisterPack()
    {
        var result = Cli.Run(["packs"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var lines = result.OutLines;
        Assert.StartsWith(Pack.Id, lines[0], StringComparison.Ordinal);
        Assert.Contains("routing", lines[0], StringComparison.Ordinal);
        Assert.Contains("10 sheets", lines[0], StringComparison.Ordinal);
        Assert.Equal(Pack.SisterPacks.Select(p => p.Id), lines.Skip(1).Take(Pack.SisterPacks.Length).Select(l => l.Split(' ')[0]));
        Assert.Contains($"calibrated to {Pack.Calibrated}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Packs_Json_ListsSevenPacksWithRoles()
    {
        var result = Cli.Run(["packs", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(result.OutLines));
        var packs = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(1 + Pack.SisterPacks.Length, packs.Count);
        Assert.Equal(["id", "title", "role", "sheets", "summary", "onDisk"], packs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("yzmir-ml-production", "routing", 10), (packs[0].GetProperty("id").GetString(), packs[0].GetProperty("role").GetString(), packs[0].GetProperty("sheets").GetInt32()));
        Assert.All(packs.Skip(1), p => Assert.Equal("hand-off", p.GetProperty("role").GetString()));
        Assert.Equal(Pack.SisterPacks.Select(p => p.Id), packs.Skip(1).Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public void Sheets_Human_ListsTheTenSheetsUnderTheirConcerns()
    {
        var result = Cli.Run(["sheets"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var positions = Pack.Sheets.Select(s => result.Out.IndexOf($"  {s.Id} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, positions.Count);
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        foreach (var concern in Pack.Concerns)
        {
            Assert.Contains($"{concern.Title} ({concern.Id})", result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sheets_Json_ListsTheTenSheets()
    {
        var result = Cli.Run(["sheets", "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(result.OutLines));
        var sheets = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(Pack.Sheets.Select(s => s.Id), sheets.Select(s => s.GetProperty("sheet").GetString()));
        Assert.Equal(["pack", "sheet", "concern", "summary"], sheets[0].EnumerateObject().Select(p => p.Name));
        Assert.All(sheets, s => Assert.Equal(Pack.SheetsById[s.GetProperty("sheet").GetString()!].ConcernId, s.GetProperty("concern").GetString()));
    }

    [Fact]
    public void Packs_WithPacksOnDisk_ListsThemToo()
    {
        var result = Cli.Run(["packs", "--packs", Support.SharedPacks.Directory]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("yzmir-llm-specialist", StringComparison.Ordinal) && l.Contains("on disk", StringComparison.Ordinal) && l.Contains("10 named sheets", StringComparison.Ordinal));
    }

    [Fact]
    public void Packs_SisterPackAlsoOnDisk_IsListedOnceUnderOneName()
    {
        var result = Cli.Run(["packs", "--packs", Support.SharedPacks.Directory, "--json"]);

        using var doc = JsonDocument.Parse(Assert.Single(result.OutLines));
        var ids = doc.RootElement.EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Distinct(), ids);
        var security = Assert.Single(doc.RootElement.EnumerateArray(), p => p.GetProperty("id").GetString() == "ordis-security-architect");
        Assert.Equal("hand-off", security.GetProperty("role").GetString());
        Assert.True(security.GetProperty("onDisk").GetBoolean());
    }

    [Fact]
    public void Packs_WithAMarketplaceHoldingNoPack_SaysSoOnStderr()
    {
        using var f = new Support.SheetFixture();

        var result = Cli.Run(["packs", "--packs", f.Root]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.StartsWith($"wayfinder: no pack loaded from {f.Root}", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheets_WithASkillFolderGivenAsAMarketplace_SaysToGiveItWithPack()
    {
        var skill = Path.Combine(Support.SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

        var result = Cli.Run(["sheets", "--packs", skill]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains($"no pack loaded from {skill}", result.Err, StringComparison.Ordinal);
        Assert.Contains("--pack", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheets_WithPacksOnDisk_ListsTheirSheetsWithFiles()
    {
        var result = Cli.Run(["sheets", "--packs", Support.SharedPacks.Directory]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains(result.OutLines, l => l.StartsWith("llm-evaluation-metrics", StringComparison.Ordinal) && l.Contains("yzmir-llm-specialist/skills/using-llm-specialist/llm-evaluation-metrics.md", StringComparison.Ordinal));
    }
}
