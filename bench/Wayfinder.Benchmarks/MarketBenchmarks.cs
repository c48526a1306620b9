using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Routing;

namespace Wayfinder.Benchmarks;

/// <summary>Per-call latency: one question per invocation, so the percentile columns are of single routes.</summary>
public sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig() => AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.P100);
}

/// <summary>
/// Routing across the real 40-plugin marketplace in ../shared/marketplace,
/// loaded once: which pack, then which sheet. Every pack a question could
/// reach has been routed into once before measuring, so what is measured is a
/// route, not a first load. P100 is the slowest single route of the run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LatencyConfig))]
[SimpleJob(RunStrategy.Monitoring, warmupCount: 20, iterationCount: 400, invocationCount: 1)]
public class MarketRouteBenchmarks
{
    private MarketRouter _router = null!;

    [Params("terminal", "rust-async", "ml-serving", "docs", "issue-text", "no-pack")]
    public string Kind { get; set; } = "";

    private string Question => Kind switch
    {
        "terminal" => "the terminal stays in raw mode after my app crashes",
        "rust-async" => "tokio task holds a mutex guard across an await point and deadlocks",
        "ml-serving" => "dynamic batching on the inference server does not improve throughput",
        "docs" => "how should the README be organised for new contributors",
        "issue-text" => "Flaky replay after upgrading\nWe record inputs and replay them to reproduce bugs, but since the upgrade the replayed run diverges after a few hundred frames. Floating point results differ between the recording machine and CI, and the random seeds look the same.",
        _ => "quarterly tax filing deadline",
    };

    [GlobalSetup]
    public void Setup()
    {
        var packs = PackLibrary.Load([], [MarketPaths.Marketplace]).Packs;
        _router = new MarketRouter(packs, Router.CreateBuiltIn());
        foreach (var pack in packs)
        {
            _ = _router.RouteIn(pack.Id, Question, []);
        }

        _ = _router.Route(Question, []);
    }

    [Benchmark]
    public Decision Route() => _router.Route(Question, []);
}

/// <summary>
/// Opening the real marketplace for routing: compiled cold (no cache), and
/// read back warm from the cache it wrote. The memory column is what one
/// open allocates.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class MarketOpenBenchmarks
{
    private readonly Router _builtIn = Router.CreateBuiltIn();
    private MarketCache _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _warm = new MarketCache(Path.Combine(Path.GetTempPath(), $"wayfinder-bench-cache-{Environment.ProcessId}"));
        _ = MarketRouter.Open([MarketPaths.Marketplace], _builtIn, _warm, out _);
    }

    [Benchmark]
    public MarketRouter? OpenCold() => MarketRouter.Open([MarketPaths.Marketplace], _builtIn, null, out _);

    [Benchmark]
    public MarketRouter? OpenWarm() => MarketRouter.Open([MarketPaths.Marketplace], _builtIn, _warm, out _);
}

internal static class MarketPaths
{
    public static string Marketplace { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "marketplace");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"../shared/marketplace was not found above {AppContext.BaseDirectory}");
    }
}
