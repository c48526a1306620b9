using System.Text.Json;
using System.Xml.Linq;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Core.Tests.Testing;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary><c>wayfinder test</c>: a line per case, the evidence of each failure, a summary, and the exit codes a pack's CI reads.</summary>
public sealed class TestCommandTests
{
    [Fact]
    public void Test_AllCasesPass_ExitsZero()
    {
        using var f = CaseFixtures.Market();

        var result = Cli.Run(["test", CaseFixtures.Path(f, CaseFixtures.BicycleSkill)]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Equal("1 case file, 2 cases: 2 passed, 0 failed", result.OutLines[^1]);
        Assert.All(result.OutLines[..^1], line => Assert.StartsWith("pass  ", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Test_Marketplace_PrintsEveryCaseInOrderAndExitsOneOnAFailure()
    {
        using var f = CaseFixtures.Market();

        var result = Cli.Run(["test", f.Root]);

        Assert.Equal(TestCommand.Failures, result.ExitCode);
        var cases = result.OutLines.Where(l => l.StartsWith("pass", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["pass 1", "pass 2", "FAIL 3", "FAIL 4", "pass 2", "pass 3", "FAIL 4", "pass 1", "pass 2"],
            cases.Select(l => $"{l[..4]} {l.Split("  ")[1].Split(':')[^1]}"));
        Assert.Equal("3 case files, 9 cases: 6 passed, 3 failed", result.OutLines[^1]);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void Test_Failure_IsFollowedByWhyExpectedChosenAndEvidence()
    {
        using var f = CaseFixtures.Market();

        var lines = Cli.Run(["test", f.Root]).OutLines;

        var at = Array.FindIndex(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains("routing-cases.jsonl:3  [bakery]  the loaf came out dense after proving the dough", lines[at], StringComparison.Ordinal);
        Assert.Equal("routes to bakery/sourdough-bread; expected first bakery/cake-icing", lines[at + 1]);
        Assert.Equal("expected: bakery/cake-icing", lines[at + 2]);
        Assert.StartsWith("chosen:   bakery/sourdough-bread (routed, basis markdown, confidence ", lines[at + 3], StringComparison.Ordinal);
        Assert.StartsWith("- score bakery/sourdough-bread: sheet score ", lines[at + 4], StringComparison.Ordinal);
    }

    [Fact]
    public void Test_MalformedLines_AreNamedByFileAndLineTheRestRunAndItExitsTwo()
    {
        using var f = CaseFixtures.Packs();
        var file = f.Write("questions.jsonl", """
            {"query": "flat tyre with a puncture in the inner tube", "accept_first": ["bicycle/puncture-repair"]}
            {"query": "split buttercream", "accept_first": ["bakery/cake-icing"], "clarify": "sometimes"}
            {"query": "chain skipping on the derailleur", "accept_first": ["bicycle/gear-shifting"]}
            """);

        var result = Cli.Run(["test", "--cases", file, f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Equal($"wayfinder: {file}:2: 'clarify' must be required, allowed or wrong, not 'sometimes'", result.Err.TrimEnd());
        Assert.Equal("1 case file, 2 cases: 2 passed, 0 failed; 1 line could not be run", result.OutLines[^1]);
    }

    [Fact]
    public void Test_CasesFileAcrossTheMarketplace_RoutesAcrossEveryPack()
    {
        using var f = CaseFixtures.Packs();
        var file = f.Write("questions.jsonl", """
            {"query": "flat tyre with a puncture in the inner tube", "accept_first": ["bicycle/puncture-repair"]}
            {"query": "split buttercream icing", "accept_first": ["bakery/cake-icing"]}
            """);

        var result = Cli.Run(["test", "--cases", file, f.Root]);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        Assert.Contains($"pass  {file}:1  [bicycle]  flat tyre", result.Out, StringComparison.Ordinal);
        Assert.Contains($"pass  {file}:2  [bakery]  split buttercream", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Junit_WritesAReportThatParsesBackWithTheRunsCounts()
    {
        using var f = CaseFixtures.Market();
        var report = Path.Combine(f.Root, "out", "junit.xml");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);

        var result = Cli.Run(["test", f.Root, "--junit", report]);

        Assert.Equal(TestCommand.Failures, result.ExitCode);
        var root = XDocument.Load(report).Root!;
        Assert.Equal("9", (string)root.Attribute("tests")!);
        Assert.Equal("3", (string)root.Attribute("failures")!);
        Assert.Equal(9, root.Descendants("testcase").Count());
    }

    [Fact]
    public void Test_Junit_UnwritablePath_IsAUsageError()
    {
        using var f = CaseFixtures.Market();

        var result = Cli.Run(["test", CaseFixtures.Path(f, CaseFixtures.BicycleSkill), "--junit", Path.Combine(f.Root, "no-such-folder", "junit.xml")]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith("wayfinder: cannot write ", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Json_IsTheTypedResults()
    {
        using var f = CaseFixtures.Market();

        var result = Cli.Run(["test", f.Root, "--json"]);

        Assert.Equal(TestCommand.Failures, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(6, root.GetProperty("passed").GetInt32());
        Assert.Equal(3, root.GetProperty("failed").GetInt32());
        var failure = root.GetProperty("files")[0].GetProperty("cases")[2];
        Assert.Equal("bakery", failure.GetProperty("pack").GetString());
        Assert.Equal(3, failure.GetProperty("line").GetInt32());
        Assert.Equal("bakery/cake-icing", failure.GetProperty("expected")[0].GetString());
        Assert.Equal("bakery/sourdough-bread", failure.GetProperty("chosen").GetString());
        Assert.False(failure.GetProperty("passed").GetBoolean());
        Assert.Equal("routed", failure.GetProperty("decision").GetProperty("status").GetString());
    }

    [Fact]
    public void Test_NoCaseFiles_IsAUsageErrorSayingWhereTheyGo()
    {
        using var f = CaseFixtures.Packs();

        var result = Cli.Run(["test", f.Root]);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains("routing-cases.jsonl or eval_queries.json beside its SKILL.md", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("folder")]
    [InlineData("cases")]
    [InlineData("empty")]
    public void Test_WrongFolderOrCaseFile_IsAUsageError(string wrong)
    {
        using var f = CaseFixtures.Market();
        var empty = Path.Combine(f.Root, "empty");
        Directory.CreateDirectory(empty);
        string[] args = wrong switch
        {
            "folder" => ["test", Path.Combine(f.Root, "missing")],
            "cases" => ["test", "--cases", Path.Combine(f.Root, "missing.jsonl"), f.Root],
            _ => ["test", f.Root, empty],
        };

        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.Contains(wrong switch { "folder" => "no such folder", "cases" => "no such case file", _ => $"no packs found in {empty}" }, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
