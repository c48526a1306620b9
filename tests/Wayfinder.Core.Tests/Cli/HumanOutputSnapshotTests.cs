using Wayfinder.Cli;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>
/// The human output of two questions, compared exactly with reviewed files in
/// Expectations/. When the output changes on purpose, review the
/// *.received.txt written next to the test assembly and copy it over the
/// verified file.
/// </summary>
public sealed class HumanOutputSnapshotTests
{
    [Theory]
    [InlineData("deploy my model with Kubernetes", "route-routed")]
    [InlineData("my model is too slow", "route-clarify")]
    public void Route_HumanOutput_MatchesTheVerifiedFile(string question, string name)
    {
        var result = Cli.Run(["route", question]);
        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);

        var verifiedPath = Path.Combine(AppContext.BaseDirectory, "Expectations", $"{name}.verified.txt");
        var verified = File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (verified != result.Out)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "Expectations", $"{name}.received.txt"), result.Out);
        }

        Assert.Equal(verified, result.Out);
    }
}
