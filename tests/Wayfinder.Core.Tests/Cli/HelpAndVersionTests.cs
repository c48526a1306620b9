using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class HelpAndVersionTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_ListsEveryCommandAndTheStandardOptions(string flag)
    {
        var result = Cli.Run([flag]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("wayfinder [command] [options]", result.Out);
        Assert.Contains("-?, -h, --help  Show help and usage information", result.Out);
        Assert.Contains("--version       Show version information", result.Out);
        foreach (var command in new[] { "route <question>", "packs", "sheets", "eval <gold>", "context <question>", "open <sheet>", "lint <dir>", "infer <dir>", "mcp", "serve" })
        {
            Assert.Contains($"  {command} ", result.Out);
        }

        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Help_OfACommand_ShowsItsArgumentsAndOptions()
    {
        var result = Cli.Run(["route", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wayfinder route [<question>] [options]", result.Out);
        Assert.Contains("--batch", result.Out);
        Assert.Contains("-?, -h, --help", result.Out);
    }

    [Fact]
    public void Version_PrintsTheToolsVersion()
    {
        var result = Cli.Run(["--version"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
        Assert.Single(result.OutLines);
    }
}
