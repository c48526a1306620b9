using System.Text;
using Wayfinder.Decisions;
using Wayfinder.Routing;
using Wayfinder.Serialization;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>Runs every case of the specification files against the built-in router.</summary>
public sealed class SpecCaseTests
{
    private const string OwnPack = "yzmir-ml-production";
    private static readonly Router Router = Router.CreateBuiltIn();

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in SpecFile.Load().Cases)
        {
            data.Add(c.Id);
        }

        return data;
    }

    [Fact]
    public void SpecFiles_Parse_WithoutProblems()
    {
        var set = SpecFile.Load();
        Assert.True(set.Problems.Count == 0, string.Join(Environment.NewLine, set.Problems));
        Assert.True(set.Cases.Count >= 150, $"only {set.Cases.Count} cases");
    }

    [Fact]
    public void SpecFiles_EveryCase_IsInACoverageTable()
    {
        var set = SpecFile.Load();
        var missing = set.Cases.Where(c => !set.Covered.Contains(c.Id)).Select(c => c.ToString()).ToList();
        Assert.True(missing.Count == 0, "not in any coverage table: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case(string id)
    {
        var c = SpecFile.Load().Cases.Single(x => x.Id == id);
        var decision = Router.Route(c.Query, c.Answers);
        var failures = Check(c, decision);
        Assert.True(failures.Count == 0, Describe(c, decision, failures));
    }

    internal static List<string> Check(SpecCase c, Decision d)
    {
        var failures = new List<string>();
        Expect(failures, "status", c.Get("status"), d.Status);

        var steps = c.List("steps").Select(s => s.StartsWith(OwnPack + "/", StringComparison.Ordinal) ? s[(OwnPack.Length + 1)..] : s);
        Expect(failures, "steps", Join(steps), Join(d.Steps.Select(s => s.Sheet)));

        var handoffs = d.Handoffs.OrderBy(h => h.Order).Select(Key);
        Expect(failures, "handoffs", Join(c.List("handoffs")), Join(handoffs));

        if (c.Get("order") is not null)
        {
            var sequence = d.Steps.Select(s => (s.Order, Key: s.Sheet))
                .Concat(d.Handoffs.Select(h => (h.Order, Key: Key(h))))
                .OrderBy(x => x.Order).Select(x => x.Key);
            var expected = c.List("order").Select(s => s.StartsWith(OwnPack + "/", StringComparison.Ordinal) ? s[(OwnPack.Length + 1)..] : s);
            Expect(failures, "order", Join(expected), Join(sequence));
        }

        if (c.Get("ask") is { } ask)
        {
            Expect(failures, "ask", ask, d.Question?.Id ?? "(no question)");
        }
        else if (d.Question is not null && c.Get("status") != DecisionStatus.Clarify)
        {
            failures.Add($"asked '{d.Question.Id}' but no question was expected");
        }

        if (c.Get("options") is not null)
        {
            Expect(failures, "options", Join(c.List("options")), Join(d.Question?.Options.Select(o => o.Answer) ?? []));
        }

        foreach (var expected in c.List("advisories"))
        {
            var colon = expected.IndexOf(':', StringComparison.Ordinal);
            var kind = colon < 0 ? expected : expected[..colon].Trim();
            var subject = colon < 0 ? null : expected[(colon + 1)..].Trim();
            if (!d.Advisories.Any(a => a.Kind == kind && (subject is null || string.Equals(a.Subject, subject, StringComparison.OrdinalIgnoreCase))))
            {
                failures.Add($"missing advisory {expected}");
            }
        }

        foreach (var kind in c.List("no-advisories"))
        {
            if (d.Advisories.Any(a => a.Kind == kind))
            {
                failures.Add($"unexpected advisory {kind}");
            }
        }

        return failures;
    }

    private static string Key(Handoff h) => h.Sheet is null ? h.Pack : $"{h.Pack}/{h.Sheet}";

    private static string Join(IEnumerable<string> items) => string.Join(", ", items);

    private static void Expect(List<string> failures, string what, string? expected, string actual)
    {
        if (!string.Equals(expected ?? "", actual, StringComparison.Ordinal))
        {
            failures.Add($"{what}: expected [{expected}] but got [{actual}]");
        }
    }

    private static string Describe(SpecCase c, Decision d, List<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine($"{c.Id} {c.Title} ({c.File}:{c.Line}; {c.Source})");
        text.AppendLine($"query: {c.Query}");
        foreach (var f in failures)
        {
            text.AppendLine("  " + f);
        }

        text.AppendLine(WayfinderJson.Serialize(d));
        return text.ToString();
    }
}
