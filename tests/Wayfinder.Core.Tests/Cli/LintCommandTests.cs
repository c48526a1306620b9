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

public sealed class LintOutputTests : IDisposable
{
    private readonly SheetFixture _f = new();

    public LintOutputTests()
    {
        _f.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: Routes demo questions.\n---\n# R\n\n- [alpha.md](alpha.md) for alpha\n- [gone.md](gone.md) for nothing\n");
        _f.Write("demo/skills/using-demo/alpha.md", "---\nname: alpha\ndescription: Use when: a colon breaks it\n---\n# Alpha\n\n```markdown\n```python\nx = 1\n```\ntext\n```\n");
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Lint_Sarif_HasWhatCodeScanningRequiresAndParsesBack()
    {
        var result = Cli.Run(["lint", _f.Root, "--format", "sarif"]);

        Assert.Equal(LintCommand.Findings, result.ExitCode);
        using var sarif = JsonDocument.Parse(result.Out);
        var root = sarif.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Contains("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("wayfinder", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(Wayfinder.Lint.LintRules.All.Count, rules.Count);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            var rule = r.GetProperty("ruleId").GetString();
            Assert.Equal(rule, rules[r.GetProperty("ruleIndex").GetInt32()]);
            Assert.Contains(r.GetProperty("level").GetString(), (string[])["error", "warning", "note"]);
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("message").GetProperty("text").GetString()));
            var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.False(string.IsNullOrEmpty(location.GetProperty("artifactLocation").GetProperty("uri").GetString()));
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        });
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "nested-fence");
    }

    [Fact]
    public void Lint_Sarif_NamesFilesUnderTheWorkingFolderRelatively()
    {
        var findings = new[] { new Wayfinder.Lint.LintFinding("error", "broken-link", Path.Combine(_f.Root, "demo", "x y.md"), 3, 2, "m") };

        using var sarif = JsonDocument.Parse(Wayfinder.Lint.SarifWriter.Write(findings, _f.Root, "1.0.0"));
        var location = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");

        Assert.Equal("demo/x%20y.md", location.GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", location.GetProperty("uriBaseId").GetString());
    }

    [Fact]
    public void Lint_FixDryRun_PrintsTheDiffAndChangesNothing()
    {
        var file = Path.Combine(_f.Root, "demo/skills/using-demo/alpha.md");
        var before = File.ReadAllText(file);

        var result = Cli.Run(["lint", _f.Root, "--fix", "--dry-run"]);

        Assert.Equal(before, File.ReadAllText(file));
        Assert.Contains("+description: \"Use when: a colon breaks it\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("+````markdown", result.Out, StringComparison.Ordinal);
        Assert.Contains("would fix 2 finding(s) in 1 file(s)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_Fix_AppliesTheFixesAndExitsOnWhatIsLeft()
    {
        var result = Cli.Run(["lint", _f.Root, "--fix"]);
        var after = Cli.Run(["lint", _f.Root]);

        Assert.Equal(LintCommand.Findings, result.ExitCode);
        Assert.DoesNotContain("nested-fence", after.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("frontmatter-yaml", after.Out, StringComparison.Ordinal);
        Assert.Contains("broken-link", after.Out, StringComparison.Ordinal);
        Assert.StartsWith("description: \"Use when", File.ReadAllLines(Path.Combine(_f.Root, "demo/skills/using-demo/alpha.md"))[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_DryRunWithoutFix_IsAUsageError()
    {
        Assert.Equal(WayfinderCommand.UsageError, Cli.Run(["lint", _f.Root, "--dry-run"]).ExitCode);
    }

    [Fact]
    public void Lint_Clean_ExitsZero()
    {
        using var clean = new SheetFixture();
        clean.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: Routes demo questions.\n---\n# R\n\n- [alpha.md](alpha.md) for alpha\n");
        clean.Write("demo/skills/using-demo/alpha.md", "# Alpha\n\nText.\n");

        Assert.Equal(WayfinderCommand.Ok, Cli.Run(["lint", clean.Root]).ExitCode);
    }
}
