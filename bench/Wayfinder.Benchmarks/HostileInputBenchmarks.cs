using BenchmarkDotNet.Attributes;
using Wayfinder.Library;
using Wayfinder.Lint;

namespace Wayfinder.Benchmarks;

/// <summary>
/// Loading and linting Markdown made to be slow (<see cref="PathologicalMarkdown"/>)
/// at the sizes an attacker would pick: about 1 MB a file, 100,000 links on one
/// line. Each case is a pack whose SKILL.md and one sheet hold it. Lint and load
/// must be linear, so every case should stay well under 2 s.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class HostileInputBenchmarks
{
    private string _market = "";

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases => PathologicalMarkdown.Kinds;

    [GlobalSetup]
    public void Setup()
    {
        _market = Path.Combine(Path.GetTempPath(), $"wayfinder-hostile-{Case}");
        if (Directory.Exists(_market))
        {
            Directory.Delete(_market, recursive: true);
        }

        PathologicalMarkdown.WritePack(_market, Case, Size(Case));
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_market, recursive: true);

    /// <summary>Load the pack and lint it, as <c>wayfinder lint</c> does.</summary>
    [Benchmark]
    public int LoadAndLint() => PackLinter.Lint(PackLibrary.Load([], [_market])).Length;

    /// <summary>Load the pack and build the router its SKILL.md implies, as <c>wayfinder route --pack</c> does.</summary>
    [Benchmark]
    public int LoadAndCompile()
    {
        var library = PackLibrary.Load([], [_market]);
        return library.Packs.IsEmpty ? 0 : new MarkdownRouter(library.Packs[0], []).Route("why is it slow", []).Steps.Count;
    }

    /// <summary>About 1 MB of each case; 100,000 links on one line for the links case.</summary>
    private static int Size(string kind) => kind switch
    {
        "links-on-one-line" => 100_000,
        "code-spans-on-one-line" => 40_000,
        "nested-quotes" or "nested-lists" => 128,
        "quotes-and-lists" => 2_000,
        "headings" or "symptom-lines" or "long-table" or "reference-definitions" => 20_000,
        "wide-table" or "autolinks" or "count-claims" => 50_000,
        "entities" => 40_000,
        "backtick-runs" => 30_000,
        "html-tags" => 90_000,
        "nested-link-labels" => 110_000,
        "long-words" => 80_000,
        "alternating-emphasis" or "nested-strong" or "mixed-delimiters" => 250_000,
        "parentheses" or "nested-brackets" => 500_000,
        _ => 1_000_000,
    };
}
