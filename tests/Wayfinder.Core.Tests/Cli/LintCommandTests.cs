using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class LintCommandTests
{
    [Fact]
    public void Lint_SharedPacks_ExitCodeFollowsTheErrorsInTheSummary()
    {
        var result = Cli.Run(["lint", SharedPacks.Directory]);
        var errors = result.OutLines.Count(l => l.Contains(": error ", StringComparison.Ordinal));
        var warnings = result.OutLines.Count(l => l.Contains(": warning ", StringComparison.Ordinal));

        Assert.Equal(errors > 0 ? LintCommand.Findings : WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains($"6 packs, 57 sheets: {errors} errors, {warnings} warnings", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_PackWithErrors_ExitsOneAndPrintsFileAndLine()
    {
        using var f = new SheetFixture();
        f.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: d\n---\n# R\n\n[missing.md](missing.md)\n");

        var result = Cli.Run(["lint", f.Root]);

        Assert.Equal(LintCommand.Findings, result.ExitCode);
        Assert.Contains("SKILL.md:7:", result.Out, StringComparison.Ordinal);
        Assert.Contains("error broken-link", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SkillFolder_IsLintedAlone()
    {
        using var f = new SheetFixture();
        var skill = Path.GetDirectoryName(f.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: d\n---\n# R\n"))!;

        var result = Cli.Run(["lint", skill, "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(result.Out).RootElement.ValueKind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lint_FolderWithoutPacks_IsAUsageErrorNamingIt(bool besideAGoodPack)
    {
        using var f = new SheetFixture();
        var skill = Path.GetDirectoryName(f.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: d\n---\n# R\n"))!;
        var empty = Path.Combine(f.Root, "empty");
        Directory.CreateDirectory(Path.Combine(empty, "notes"));

        var result = Cli.Run(besideAGoodPack ? ["lint", skill, empty] : ["lint", empty]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith($"wayfinder: no packs found in {empty}", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Lint_MissingFolder_IsAUsageError()
    {
        var result = Cli.Run(["lint", "/nonexistent/packs"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("no such folder", result.Err, StringComparison.Ordinal);
    }
}
