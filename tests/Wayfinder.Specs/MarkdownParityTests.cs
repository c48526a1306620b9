using System.Text;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// The yzmir-ml-production router read from its own Markdown (../shared/packs, no
/// manifest) against the built-in pack on every specification case: the same
/// router, read from its source, should reach the same first destination.
/// Set WAYFINDER_PARITY_REPORT to a path to get every disagreement and the
/// inferred manifest written out.
/// </summary>
public sealed class MarkdownParityTests
{
    /// <summary>
    /// The least share of specification cases on which the two must agree: the
    /// level measured on 2026-11-27 (74.6%), kept so it cannot slip back (502 of
    /// 674, 74.5%, since inference reads the document model and makes no rule
    /// of one word). The goal is 90%; docs/packs.md says what is still not inferred.
    /// </summary>
    public const double Floor = 0.74;

    private static readonly Lazy<ParityReport> Report = new(Measure);

    [Fact]
    public void MarkdownRouter_AgreementWithBuiltInPack_DoesNotFallBelowTheMeasuredFloor()
    {
        var report = Report.Value;
        if (Environment.GetEnvironmentVariable("WAYFINDER_PARITY_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, report.Text);
        }

        Assert.True(report.Share >= Floor, $"agreement {report.Agreed}/{report.Total} ({report.Share:P1}) is under {Floor:P0}\n{report.Summary}");
    }

    private sealed record ParityReport(int Agreed, int Total, string Summary, string Text)
    {
        public double Share => (double)Agreed / Total;
    }

    private static ParityReport Measure()
    {
        var library = PackLibrary.Load([], [SharedFolder("packs")]);
        var pack = library.FindPack("yzmir-ml-production") ?? throw new InvalidOperationException("yzmir-ml-production is not in ../shared/packs");
        Assert.Null(pack.Manifest);
        var markdown = new MarkdownRouter(pack, [.. library.Packs.Where(p => p.Id != pack.Id)]);
        var builtIn = Router.CreateBuiltIn();
        Assert.True(markdown.Compiled is { Pack: not null }, "the inferred manifest did not load:\n" + string.Join('\n', markdown.Compiled?.Diagnostics ?? []));
        if (Environment.GetEnvironmentVariable("WAYFINDER_PARITY_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path + ".yaml", markdown.Compiled!.Yaml);
        }

        var text = new StringBuilder();
        var byFile = new SortedDictionary<string, (int Agreed, int Total)>(StringComparer.Ordinal);
        var agreed = 0;
        var fallback = new StringBuilder();
        var byBasis = new SortedDictionary<string, (int Agreed, int Total)>(StringComparer.Ordinal);
        var cases = SpecFile.Load().Cases;
        foreach (var c in cases)
        {
            var expected = First(builtIn.Route(c.Query, c.Answers));
            var decision = markdown.Route(c.Query, c.Answers);
            var got = First(decision);
            var same = Same(expected, got, pack.Id);
            var file = Path.GetFileName(c.File);
            var (a, t) = byFile.GetValueOrDefault(file);
            byFile[file] = (a + (same ? 1 : 0), t + 1);
            var basis = decision.Evidence.LastOrDefault(e => e.Kind == "basis")?.Ref ?? (decision.Status == DecisionStatus.Clarify ? "asked" : "-");
            var (ba, bt) = byBasis.GetValueOrDefault(basis);
            byBasis[basis] = (ba + (same ? 1 : 0), bt + 1);
            if (basis == "markdown")
            {
                var scores = decision.Evidence.Where(e => e.Kind == "score").Select(e => e.Text.Split(' ')[1]).ToList();
                fallback.AppendLine($"FB {(same ? "ok" : "miss")} {expected} {string.Join(' ', scores)}");
            }

            if (same)
            {
                agreed++;
            }
            else
            {
                text.AppendLine($"{c.Id} [{file[..2]}] {c.Query}{(c.Answers.Count > 0 ? " | " + string.Join(", ", c.Answers) : "")}")
                    .AppendLine($"   built-in {expected}  markdown {got}  :: {string.Join(" | ", decision.Evidence.Take(4).Select(e => e.Kind + ":" + e.Ref + "=" + e.Text))}");
            }
        }

        var summary = string.Join('\n', byFile.Select(f => $"{f.Key}: {f.Value.Agreed}/{f.Value.Total}"));
        text.Append(fallback);
        text.Insert(0, $"{agreed}/{cases.Count}\n{summary}\n\nby basis: {string.Join(", ", byBasis.Select(b => $"{b.Key} {b.Value.Agreed}/{b.Value.Total}"))}\n\n");
        return new ParityReport(agreed, cases.Count, summary, text.ToString());
    }

    /// <summary>The first destination: "clarify", a sheet as "pack/sheet", or a pack.</summary>
    private static string First(Decision d)
    {
        if (d.Status == DecisionStatus.Clarify)
        {
            return "clarify";
        }

        return d.Steps.Select(s => (s.Order, Key: $"{s.Pack}/{s.Sheet}"))
            .Concat(d.Handoffs.Select(h => (h.Order, Key: h.Sheet is null ? h.Pack : $"{h.Pack}/{h.Sheet}")))
            .OrderBy(x => x.Order).Select(x => x.Key).FirstOrDefault() ?? "(none)";
    }

    private static bool Same(string expected, string got, string markdownPackId)
    {
        static (string Pack, string Sheet) Split(string key) =>
            key.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 ? (key[..i], key[(i + 1)..]) : (key, "");
        var (ep, es) = Split(expected);
        var (gp, gs) = Split(got);
        return es == gs && (ep == gp || PackNames.Refers(gp, ep) || (ep == "yzmir-ml-production" && gp == markdownPackId));
    }

    internal static string SharedFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", name));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"../shared/{name} was not found beside the repository");
        return "";
    }
}
