using BenchmarkDotNet.Attributes;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Benchmarks;

/// <summary>
/// What a process pays once. A manifest on disk is parsed, validated and
/// compiled; the built-in pack is constructed from the C# written out of its
/// manifest, then compiled, and its lexicon is compiled on the first route
/// that reads it.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class StartupBenchmarks
{
    private readonly string _manifest = File.ReadAllText(RepositoryFile.Find("src", "Wayfinder.Core", "BuiltIn", "ml-production.pack.yaml"));

    [Benchmark(Baseline = true)]
    public RoutingPack LoadManifest() => PackLoader.Load(_manifest, "builtin");

    [Benchmark]
    public Router LoadAndBuild() => new RouterBuilder().UsePack(PackLoader.Load(_manifest, "builtin")).Build();

    [Benchmark]
    public Router CreateBuiltIn() => new RouterBuilder().UsePack(MlProductionPack.Create()).Build();

    /// <summary>A new built-in router's first route that reads the lexicon (a clarifying question does).</summary>
    [Benchmark]
    public Decision CreateBuiltInAndRouteByLexicon() => new RouterBuilder().UsePack(MlProductionPack.Create()).Build().Route("my model is too slow");
}
