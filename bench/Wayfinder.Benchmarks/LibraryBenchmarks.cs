using BenchmarkDotNet.Attributes;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;

namespace Wayfinder.Benchmarks;

/// <summary>
/// Packs on disk at scale: loading ../shared/packs (six real packs, 57 sheets)
/// and a synthetic marketplace of 50 packs × 12 sheets × 40 KB, and giving
/// context for a question from the real packs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
[SimpleJob(warmupCount: 2, iterationCount: 10)]
public class LibraryBenchmarks
{
    private string _synthetic = "";
    private string _shared = "";
    private PackLibrary _sharedLibrary = PackLibrary.Empty;
    private PackLibrary _both = PackLibrary.Empty;
    private readonly Router _router = Router.CreateBuiltIn();
    private Decision _decision = null!;
    private MarkdownRouter _marketRouter = null!;
    private MarkdownRouter _fromMarkdown = null!;
    private MarkdownPack _mlProduction = null!;
    private MarkdownPack[] _others = [];
    private Wayfinder.Api.WayfinderService _service = null!;

    private const string Question = "Our LLM hallucinates in production and costs are spiking: how do we trace and alert on it?";

    [GlobalSetup]
    public void Setup()
    {
        _shared = FindShared();
        _synthetic = Path.Combine(Path.GetTempPath(), "wayfinder-synthetic-marketplace");
        if (!Directory.Exists(_synthetic))
        {
            SyntheticMarketplace.Generate(_synthetic);
        }

        _sharedLibrary = PackLibrary.Load([], [_shared]);
        _both = PackLibrary.Load([], [_shared, _synthetic]);
        _decision = _router.Route(Question);
        _service = new Wayfinder.Api.WayfinderService(_router, _sharedLibrary);
        _marketRouter = new MarkdownRouter(PackLibrary.Load([], [_synthetic]).Packs);
        _mlProduction = _sharedLibrary.FindPack("ml-production")!;
        _others = [.. _sharedLibrary.Packs.Where(p => p != _mlProduction)];
        _fromMarkdown = new MarkdownRouter(_mlProduction, _others);
        _ = TokenCounter.O200kBase.Count("warm");
    }

    [Benchmark]
    public PackLibrary LoadSharedPacks() => PackLibrary.Load([], [_shared]);

    [Benchmark]
    public PackLibrary LoadSyntheticMarketplace() => PackLibrary.Load([], [_synthetic]);

    [Benchmark]
    public ContextResult ContextFromSharedPacks() => ContextBuilder.Build(Question, _decision, _sharedLibrary, 4000, TokenCounter.O200kBase);

    /// <summary>
    /// A question that asks first: the route, then each likely answer routed
    /// again and followed to its sections, through the service as every host
    /// calls it.
    /// </summary>
    [Benchmark]
    public ContextResult ContextForAClarifyingQuestion() => _service.Context("my model is too slow", [], 4000);

    [Benchmark]
    public ContextResult ContextWithSyntheticLoaded() => ContextBuilder.Build(Question, _decision, _both, 4000, TokenCounter.O200kBase);

    /// <summary>One question routed over all 600 sheets of the synthetic marketplace.</summary>
    [Benchmark]
    public Decision RouteOverSyntheticMarketplace() => _marketRouter.Route("canary rollback of the service when latency drifts after a release");

    /// <summary>ml-production's SKILL.md compiled to the manifest it implies, the other packs as hand-offs (what <c>route --pack</c> does first).</summary>
    [Benchmark]
    public MarkdownRouter CompileMlProductionFromMarkdown() => new(_mlProduction, _others);

    /// <summary>One question routed by the manifest inferred from ml-production's Markdown.</summary>
    [Benchmark]
    public Decision RouteMlProductionFromMarkdown() => _fromMarkdown.Route(Question);

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "packs"));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/packs beside the repository");
    }
}
