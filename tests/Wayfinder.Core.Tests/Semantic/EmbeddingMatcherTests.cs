using Wayfinder.Core.Tests.Support;
using Wayfinder.Decisions;
using Wayfinder.Retrieval;
using Wayfinder.Routing;
using Wayfinder.Semantic;
using Xunit;

namespace Wayfinder.Core.Tests.Semantic;

public sealed class EmbeddingMatcherTests : IDisposable
{
    private const string Quantization = "yzmir-ml-production/quantization-for-inference";
    private const string Deployment = "yzmir-ml-production/deployment-strategies";

    private readonly SheetFixture _fixture = new();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"wayfinder-cache-{Guid.NewGuid():N}");

    public EmbeddingMatcherTests()
    {
        _fixture.Write("yzmir-ml-production/skills/using-ml-production/SKILL.md", "# R\n");
        _fixture.Write(
            "yzmir-ml-production/skills/using-ml-production/quantization-for-inference.md",
            "# Quantization for inference\n\nConvert FP32 weights to INT8 or INT4 so the model runs faster on the GPU and uses less memory.\n\n## Calibration\n\nCalibrate activation ranges on a sample of real inputs before converting the weights.\n");
        _fixture.Write(
            "yzmir-ml-production/skills/using-ml-production/deployment-strategies.md",
            "# Deployment strategies\n\nRoll a new model version out gradually with a canary release: send a small share of traffic to it first.\n\n## Rollback\n\nWatch the canary's error rate and switch traffic back to the previous version when it degrades.\n");
    }

    public void Dispose()
    {
        _fixture.Dispose();
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private static string Destination(RankedDestination r) => $"{r.Pack}/{r.Sheet}";

    [Fact]
    public void Rank_ParaphraseOfOneTopic_RanksItsSheetFirstAndRoutesThere()
    {
        var pack = Routers.BuiltIn.Pack;
        var corpus = SheetCorpus.FromDirectory(_fixture.Root, pack, PassageGranularity.Section);
        using var matcher = new EmbeddingMatcher(corpus, pack, _cache);

        var release = matcher.Rank("how can we expose only a few percent of users to the new model version before everyone gets it");
        var precision = matcher.Rank("shrink the network to eight-bit numbers so predictions come back quicker on the graphics card");
        var decision = matcher.Match("how can we expose only a few percent of users to the new model version before everyone gets it");

        Assert.Equal("embedding", matcher.Name);
        Assert.Equal([Deployment, Quantization], release.Select(Destination));
        Assert.Equal([Quantization, Deployment], precision.Select(Destination));
        Assert.True(release[0].Score > release[1].Score);
        Assert.InRange(release[0].Score, -1.0001, 1.0001);
        Assert.Equal(DecisionStatus.Routed, decision.Status);
        Assert.Equal("deployment-strategies", decision.Steps[0].Sheet);
    }

    [Fact]
    public void Constructor_CacheDirectory_IsWrittenOnceAndReusedWithTheSameScores()
    {
        var pack = Routers.BuiltIn.Pack;
        var corpus = SheetCorpus.FromDirectory(_fixture.Root, pack, PassageGranularity.Section);
        const string question = "roll the new model out to a small slice of traffic first";

        IReadOnlyList<RankedDestination> first;
        using (var matcher = new EmbeddingMatcher(corpus, pack, _cache))
        {
            first = matcher.Rank(question);
        }

        var file = Assert.Single(Directory.GetFiles(_cache));
        Assert.Matches(@"^minilm-[0-9a-f]{16}\.bin$", Path.GetFileName(file));
        Assert.Equal((long)corpus.Passages.Length * 384 * sizeof(float), new FileInfo(file).Length);
        var written = File.GetLastWriteTimeUtc(file);

        IReadOnlyList<RankedDestination> second;
        using (var matcher = new EmbeddingMatcher(corpus, pack, _cache))
        {
            second = matcher.Rank(question);
        }

        Assert.Equal(first, second);
        Assert.Equal(Deployment, Destination(first[0]));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(_cache))));
    }
}
