using BenchmarkDotNet.Attributes;
using Wayfinder.Marketplace;
using Wayfinder.Routing;
using Wayfinder.Testing;

namespace Wayfinder.Benchmarks;

/// <summary>
/// <c>wayfinder test --cases tests/Wayfinder.Specs/Market/questions.jsonl
/// ../shared/marketplace</c> without the process around it: the 452 market
/// questions (gold format, <c>plugin/sheet</c>) read and routed across the
/// real marketplace, opened from a warm cache. <c>OpenAndRun</c> is the whole
/// run, every pack routed into compiled again from its Markdown as a new
/// process compiles it; <c>Run</c> routes them again over a router that has
/// compiled them all already.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class TestRunBenchmarks
{
    private readonly Router _builtIn = Router.CreateBuiltIn();
    private MarketCache _warm = null!;
    private CaseRunner _runner = null!;
    private string _cases = "";

    [GlobalSetup]
    public void Setup()
    {
        _cases = QuestionsFile();
        _warm = new MarketCache(Path.Combine(Path.GetTempPath(), $"wayfinder-bench-cache-{Environment.ProcessId}"));
        _runner = new CaseRunner(Open());
        _ = _runner.RunFile(_cases);
    }

    [Benchmark]
    public TestRun OpenAndRun() => new CaseRunner(Open()).RunFile(_cases);

    [Benchmark]
    public TestRun Run() => _runner.RunFile(_cases);

    private MarketRouter Open() =>
        MarketRouter.Open([MarketPaths.Marketplace], _builtIn, _warm, out _) ?? throw new InvalidOperationException($"no pack loaded from {MarketPaths.Marketplace}");

    private static string QuestionsFile() => RepositoryFile.Find("tests", "Wayfinder.Specs", "Market", "questions.jsonl");
}
