using System.Collections.Immutable;
using System.Xml.Linq;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Testing;
using Xunit;

namespace Wayfinder.Core.Tests.Testing;

/// <summary>The JUnit report: written, read back, counted the way CI servers count it.</summary>
public sealed class JUnitReportTests
{
    [Fact]
    public void Write_FixtureRun_ParsesBackWithASuitePerFileAndTheRightCounts()
    {
        using var f = CaseFixtures.Market();
        f.Write($"{CaseFixtures.BicycleSkill}/routing-cases.jsonl", CaseFixtures.BicycleCases + "\nnot json\n");
        var run = new CaseRunner(new MarketRouter(PackLibrary.Load([], [f.Root]).Packs)).RunOwn();
        var path = Path.Combine(f.Root, "report.xml");

        JUnitReport.Write(run, path);
        var root = XDocument.Load(path).Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("10", "3", "1"), Counts(root));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(3, suites.Count);
        Assert.Equal([("4", "2", "0"), ("3", "1", "0"), ("3", "0", "1")], suites.Select(Counts));
        Assert.Equal(run.Files.Select(x => x.File), suites.Select(s => (string)s.Attribute("name")!));
        Assert.All(suites, s => Assert.Equal((int)s.Attribute("tests")!, s.Elements("testcase").Count()));
        Assert.Equal(3, root.Descendants("failure").Count());
        var error = Assert.Single(root.Descendants("error"));
        Assert.StartsWith("not a JSON object", (string)error.Attribute("message")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Failure_CarriesTheDetailExpectedChosenAndEvidence()
    {
        using var f = CaseFixtures.Market();
        var run = new CaseRunner(new MarketRouter(PackLibrary.Load([], [f.Root]).Packs)).RunOwn();

        var failure = JUnitReport.Create(run).Descendants("failure").First();
        var testcase = failure.Parent!;

        Assert.Equal("bakery", (string)testcase.Attribute("classname")!);
        Assert.Equal("3", (string)testcase.Attribute("line")!);
        Assert.StartsWith("routing-cases.jsonl:3: the loaf came out dense", (string)testcase.Attribute("name")!, StringComparison.Ordinal);
        Assert.Equal("routes to bakery/sourdough-bread; expected first bakery/cake-icing", (string)failure.Attribute("message")!);
        Assert.Contains("expected: bakery/cake-icing", failure.Value, StringComparison.Ordinal);
        Assert.Contains("chosen:   bakery/sourdough-bread (routed", failure.Value, StringComparison.Ordinal);
        Assert.Contains("- score bakery/sourdough-bread: sheet score", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ControlCharactersInAQuestion_StillParseBack()
    {
        var decision = new Decision(DecisionStatus.None, [], null, [], [], [new Evidence(EvidenceKind.Ask, "none", "no pack fits \u0001")]);
        var result = new CaseResult("bakery", "cases.jsonl", 1, "line 1", "bell \u0007 and lone \ud800 surrogate", ["bakery/cake-icing"], "none", false, "fits no pack \u0002", decision);
        var run = new TestRun([new CaseFileResult("cases.jsonl", CaseFormat.Gold, "bakery", [result], ImmutableArray<LineError>.Empty)]);
        using var text = new StringWriter();

        JUnitReport.Create(run).Save(text);
        var back = XDocument.Parse(text.ToString());

        Assert.Equal("fits no pack \uFFFD", (string)back.Descendants("failure").Single().Attribute("message")!);
    }

    private static (string Tests, string Failures, string Errors) Counts(XElement e) =>
        ((string)e.Attribute("tests")!, (string)e.Attribute("failures")!, (string)e.Attribute("errors")!);
}
