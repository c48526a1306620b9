using BenchmarkDotNet.Attributes;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Benchmarks;

/// <summary>What a process pays once: parsing and validating the built-in manifest, then compiling its terms.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StartupBenchmarks
{
    private readonly string _manifest = BuiltInPack.ReadManifest();

    [Benchmark(Baseline = true)]
    public RoutingPack LoadManifest() => PackLoader.Load(_manifest, "builtin");

    [Benchmark]
    public Router LoadAndBuild() => new RouterBuilder().UsePack(PackLoader.Load(_manifest, "builtin")).Build();
}
