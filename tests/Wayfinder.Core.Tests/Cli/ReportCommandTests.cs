using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class ReportCommandTests
{
    private static SheetFixture Demo()
    {
        var f = new SheetFixture();
        f.Write("demo/skills/using-demo/SKILL.md", "---\nname: using-demo\ndescription: d\n---\n# R\n\n- [alpha.md](alpha.md) for alpha\n");
        f.Write("demo/skills/using-demo/alpha.md", "# Alpha\n");
        return f;
    }

    [Fact]
    public void Report_Marketplace_WritesTheFileAndSaysWhatIsInIt()
    {
        using var f = Demo();
        var file = Path.Combine(f.Root, "report.html");

        var result = Cli.Run(["report", f.Root, "-o", file]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal($"1 packs, 1 sheets: 0 errors, 0 warnings; report written to {file}\n", result.Out);
        var html = File.ReadAllText(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("data-sheet=\"demo/alpha\"", html, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public void Report_WithoutOutput_GoesToStandardOutput_TheSameAsTheFile()
    {
        using var f = Demo();
        var skill = Path.Combine(f.Root, "demo/skills/using-demo");
        var file = Path.Combine(f.Root, "report.html");

        var printed = Cli.Run(["report", skill]);
        Cli.Run(["report", skill, "--output", file]);

        Assert.Equal(WayfinderCommand.Ok, printed.ExitCode);
        Assert.Equal(File.ReadAllText(file), printed.Out);
    }

    [Fact]
    public void Report_MissingFolder_IsAUsageError()
    {
        var result = Cli.Run(["report", "/nonexistent/packs", "-o", "/tmp/never.html"]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("no such folder", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FolderWithoutPacks_IsAUsageErrorNamingIt()
    {
        using var f = new SheetFixture();
        Directory.CreateDirectory(Path.Combine(f.Root, "notes"));

        var result = Cli.Run(["report", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith($"wayfinder: no packs found in {f.Root}", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Report_OutputIntoAFolder_IsAUsageError()
    {
        using var f = Demo();

        var result = Cli.Run(["report", f.Root, "-o", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("is a folder", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutputWhereNoFolderIs_IsAUsageError()
    {
        using var f = Demo();

        var result = Cli.Run(["report", f.Root, "-o", Path.Combine(f.Root, "no", "such", "report.html")]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("cannot write", result.Err, StringComparison.Ordinal);
    }
}
