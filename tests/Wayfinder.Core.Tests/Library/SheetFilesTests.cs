using System.Text.Json;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

public sealed class SheetFilesTests
{
    [Fact]
    public void Route_WithSharedPacks_HandsOffToAnLlmEvaluationSheetThatExists()
    {
        var result = Cli.Cli.Run(["route", "hallucinations in production", "--packs", SharedPacks.Directory, "--json"]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var files = doc.RootElement.GetProperty("evidence").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "file")
            .ToDictionary(e => e.GetProperty("ref").GetString()!, e => e.GetProperty("text").GetString()!);
        var handoff = files["yzmir-llm-specialist/llm-evaluation-metrics"];
        Assert.True(File.Exists(Path.Combine(SharedPacks.Directory, handoff)), handoff);
        Assert.True(File.Exists(Path.Combine(SharedPacks.Directory, files["yzmir-ml-production/production-monitoring-and-alerting"])));
    }

    [Fact]
    public void Route_WithPacksMissingADestination_SaysSo()
    {
        using var f = SheetFixture.Standard();

        var result = Cli.Cli.Run(["route", "set up drift alerts for the churn model", "--packs", f.Root, "--json"]);

        using var doc = JsonDocument.Parse(result.Out);
        Assert.Contains(doc.RootElement.GetProperty("evidence").EnumerateArray(), e =>
            e.GetProperty("kind").GetString() == "missing" && e.GetProperty("ref").GetString() == "yzmir-ml-production/production-monitoring-and-alerting");
    }
}
