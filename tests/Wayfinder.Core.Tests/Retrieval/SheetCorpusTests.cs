using Wayfinder.Core.Tests.Support;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Xunit;

namespace Wayfinder.Core.Tests.Retrieval;

public sealed class SheetCorpusTests
{
    private const string Quantization = "quantization-for-inference";
    private const string Serving = "model-serving-patterns";
    private const string Rag = "rag-architecture-patterns";

    private static RoutingPack Pack => Routers.BuiltIn.Pack;

    private static List<SheetPassage> Of(SheetCorpus corpus, string sheet) => [.. corpus.Passages.Where(p => p.Sheet == sheet)];

    [Fact]
    public void FromDirectory_PackFolders_AreNamedByTheRoutingPacksIds()
    {
        using var fixture = SheetFixture.Standard();
        fixture.Write("vendor-tools/skills/using-vendor-tools/SKILL.md", "# R\n");
        fixture.Write("vendor-tools/skills/using-vendor-tools/notes.md", "# Notes\n\nVendor notes.\n");

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet);

        Assert.Equal(
            [("vendor-tools", "notes"), ("yzmir-llm-specialist", Rag), ("yzmir-ml-production", Serving), ("yzmir-ml-production", Quantization)],
            corpus.Passages.Select(p => (p.Pack, p.Sheet!)).OrderBy(p => p.Pack, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal));
        Assert.Equal("yzmir-ml-production/quantization-for-inference", Assert.Single(Of(corpus, Quantization)).Destination);
        Assert.Equal(Path.GetFullPath(fixture.Root), corpus.Origin);
    }

    [Fact]
    public void FromDirectory_FolderNamedExactlyByTheId_IsThatPack()
    {
        using var fixture = new SheetFixture();
        fixture.Write("yzmir-llm-specialist/skills/using-llm-specialist/SKILL.md", "# R\n");
        fixture.Write("yzmir-llm-specialist/skills/using-llm-specialist/rag-architecture-patterns.md", SheetFixture.RagSheet);
        fixture.Write("not-llm-specialist-really/skills/x/SKILL.md", "# R\n");
        fixture.Write("not-llm-specialist-really/skills/x/other.md", "# Other\n\ntext\n");

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet);

        Assert.Equal("yzmir-llm-specialist", Assert.Single(Of(corpus, Rag)).Pack);
        Assert.Equal("not-llm-specialist-really", Assert.Single(Of(corpus, "other")).Pack);
    }

    [Theory]
    [InlineData(PassageGranularity.Sheet)]
    [InlineData(PassageGranularity.Section)]
    public void FromDirectory_SkillMdAndFilesOutsideSkills_AreNotRead(PassageGranularity granularity)
    {
        using var fixture = SheetFixture.Standard();
        fixture.Write("yzmir-ml-production/README.md", "# Readme\n\nzanzibar\n");
        fixture.Write("yzmir-ml-production/skills/top-level.md", "# Top\n\nzanzibar\n");
        fixture.Write("yzmir-ml-production/skills/using-ml-production/notes.txt", "zanzibar\n");

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, granularity);

        Assert.NotEmpty(corpus.Passages);
        Assert.DoesNotContain(corpus.Passages, p => p.Sheet is "SKILL" or "README" or "top-level" or "notes");
        Assert.DoesNotContain(corpus.Passages, p => p.Text.Contains("zanzibar", StringComparison.Ordinal));
    }

    [Fact]
    public void FromDirectory_Sections_GiveOnePassagePerHeadingWithItsPath()
    {
        using var fixture = SheetFixture.Standard();

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Section);

        Assert.Equal(
            [
                "Quantization for inference",
                "Quantization for inference > Post-training quantization",
                "Quantization for inference > Post-training quantization > Calibration data",
                "Quantization for inference > Quantization-aware training",
            ],
            Of(corpus, Quantization).Select(p => p.Heading));
        Assert.Equal(
            ["Model serving patterns", "Model serving patterns > Dynamic batching", "Model serving patterns > Streaming responses"],
            Of(corpus, Serving).Select(p => p.Heading));
        Assert.Equal(
            ["RAG architecture patterns", "RAG architecture patterns > Chunking", "RAG architecture patterns > Reranking"],
            Of(corpus, Rag).Select(p => p.Heading));
        Assert.Equal(10, corpus.Passages.Length);
    }

    [Fact]
    public void FromDirectory_Sections_HoldTheTextUnderTheirHeadingOnly()
    {
        using var fixture = SheetFixture.Standard();

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Section);

        var chunking = Assert.Single(corpus.Passages, p => p.Heading == "RAG architecture patterns > Chunking");
        Assert.Contains("vector database", chunking.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("cross-encoder", chunking.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("grounds answers", chunking.Text, StringComparison.Ordinal);
        Assert.StartsWith("rag architecture patterns\n", chunking.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDirectory_Sections_NeverSplitAtHashInsideCodeFences()
    {
        using var fixture = SheetFixture.Standard();

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Section);

        Assert.DoesNotContain(corpus.Passages, p => p.Heading.Contains("not a heading", StringComparison.Ordinal));
        var backticks = Assert.Single(corpus.Passages, p => p.Text.Contains("# not a heading\n", StringComparison.Ordinal));
        Assert.Equal("Quantization for inference > Post-training quantization", backticks.Heading);
        Assert.Contains("quantize_dynamic", backticks.Text, StringComparison.Ordinal);
        var tildes = Assert.Single(corpus.Passages, p => p.Text.Contains("# not a heading either", StringComparison.Ordinal));
        Assert.Equal("Model serving patterns > Dynamic batching", tildes.Heading);
        Assert.Contains("curl localhost", tildes.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDirectory_Sections_TextBeforeTheFirstHeadingIsAPassageWithoutHeading()
    {
        using var fixture = new SheetFixture();
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/deployment-strategies.md", "Intro about rollouts.\n\n# Canary\n\nShift a little traffic.\n#hashtag is not a heading\n");

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Section);

        Assert.Equal(["", "Canary"], corpus.Passages.Select(p => p.Heading));
        Assert.Contains("Intro about rollouts", corpus.Passages[0].Text, StringComparison.Ordinal);
        Assert.Contains("#hashtag", corpus.Passages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDirectory_Sheets_GiveOnePassagePerFileWithAllItsText()
    {
        using var fixture = SheetFixture.Standard();

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet);

        Assert.Equal(3, corpus.Passages.Length);
        Assert.All(corpus.Passages, p => Assert.Equal("", p.Heading));
        var rag = Assert.Single(Of(corpus, Rag));
        Assert.Contains("vector database", rag.Text, StringComparison.Ordinal);
        Assert.Contains("cross-encoder", rag.Text, StringComparison.Ordinal);
        Assert.Contains("# not a heading", Assert.Single(Of(corpus, Quantization)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDirectory_MissingDirectory_ThrowsDirectoryNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"wayfinder-absent-{Guid.NewGuid():N}");

        var ex = Assert.Throws<DirectoryNotFoundException>(() => SheetCorpus.FromDirectory(missing, Pack, PassageGranularity.Sheet));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDirectory_LinksAreNotFollowed()
    {
        using var outside = new SheetFixture();
        var secret = outside.Write("secret.md", "# Secret\n\nzanzibar\n");
        outside.Write("pack/skills/s/SKILL.md", "# R\n");
        outside.Write("pack/skills/s/linked.md", "# Linked\n\nzanzibar\n");
        using var fixture = SheetFixture.Standard();
        File.CreateSymbolicLink(Path.Combine(fixture.Root, "yzmir-ml-production", "skills", "using-ml-production", "leak.md"), secret);
        Directory.CreateSymbolicLink(Path.Combine(fixture.Root, "linked-pack"), Path.Combine(outside.Root, "pack"));

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet);

        Assert.Equal(3, corpus.Passages.Length);
        Assert.DoesNotContain(corpus.Passages, p => p.Text.Contains("zanzibar", StringComparison.Ordinal));
    }

    [Fact]
    public void FromDirectory_OversizedSheet_IsSkipped()
    {
        using var fixture = SheetFixture.Standard();
        fixture.Write("yzmir-ml-production/skills/using-ml-production/huge.md", "# Huge\n\n" + new string('x', (int)SheetCorpus.MaxSheetBytes));

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Sheet);

        Assert.DoesNotContain(corpus.Passages, p => p.Sheet == "huge");
        Assert.Equal(3, corpus.Passages.Length);
    }

    [Fact]
    public void FromPack_BuiltIn_HasAPassageForEverySheetAndEverySisterPack()
    {
        var corpus = SheetCorpus.FromPack(Pack);

        Assert.Equal(10, Pack.Sheets.Length);
        foreach (var sheet in Pack.Sheets)
        {
            var passage = Assert.Single(corpus.Passages, p => p.Pack == Pack.Id && p.Sheet == sheet.Id);
            Assert.Contains(sheet.Summary, passage.Text, StringComparison.Ordinal);
            Assert.Contains(Pack.ConcernsById[sheet.ConcernId].Title, passage.Text, StringComparison.Ordinal);
        }

        Assert.NotEmpty(Pack.SisterPacks);
        foreach (var sister in Pack.SisterPacks)
        {
            var passage = Assert.Single(corpus.Passages, p => p.Pack == sister.Id && p.Sheet is null);
            Assert.Equal($"{sister.Id}/*", passage.Destination);
            Assert.Contains(sister.Owns, passage.Text, StringComparison.Ordinal);
            foreach (var sheet in sister.Sheets)
            {
                Assert.Single(corpus.Passages, p => p.Pack == sister.Id && p.Sheet == sheet.Id);
            }
        }

        Assert.Equal(Pack.Sheets.Length + Pack.SisterPacks.Length + Pack.SisterPacks.Sum(s => s.Sheets.Length), corpus.Passages.Length);
        Assert.Contains(Pack.Id, corpus.Origin, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Top\n\n````markdown\n```python\n# not a heading\n```\n````\n\n## Next\n\ntext\n")]
    [InlineData("# Top\n\n```\ncode\n```python\n# not a heading\n```\n\n## Next\n\ntext\n")]
    public void Split_InnerFenceLine_DoesNotCloseTheOuterFence(string markdown)
    {
        using var fixture = new SheetFixture();
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/SKILL.md", "# R\n");
        fixture.Write("yzmir-ml-production/skills/s/deployment-strategies.md", markdown);

        var corpus = SheetCorpus.FromDirectory(fixture.Root, Pack, PassageGranularity.Section);

        Assert.Equal(["Top", "Top > Next"], corpus.Passages.Select(s => s.Heading));
    }
}
