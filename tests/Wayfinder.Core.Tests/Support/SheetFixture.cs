namespace Wayfinder.Core.Tests.Support;

/// <summary>
/// A packs directory in a temporary folder, laid out like the real packs
/// (<c>&lt;pack&gt;/skills/&lt;skill&gt;/*.md</c>); deleted on dispose.
/// </summary>
internal sealed class SheetFixture : IDisposable
{
    public const string QuantizationSheet = """
        # Quantization for inference

        Lower precision weights make inference cheaper.

        ## Post-training quantization

        Calibrate INT8 scales on a sample of activations.

        ```python
        # not a heading
        model = quantize_dynamic(model)
        ```

        ### Calibration data

        Pick a representative calibration set.

        ## Quantization-aware training

        Simulate rounding during fine-tuning with fake quant nodes.
        """;

    public const string ServingSheet = """
        # Model serving patterns

        Expose the model behind an HTTP endpoint.

        ## Dynamic batching

        Group concurrent requests into one batch on the GPU.

        ~~~bash
        # not a heading either
        curl localhost:8080
        ~~~

        ## Streaming responses

        Send tokens as they are generated with server-sent events.
        """;

    public const string RagSheet = """
        # RAG architecture patterns

        Retrieval-augmented generation grounds answers in documents.

        ## Chunking

        Split documents into overlapping chunks before embedding them into a vector database.

        ## Reranking

        Rerank retrieved chunks with a cross-encoder.
        """;

    public SheetFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"wayfinder-packs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The three sheets above in their packs, each pack with a router SKILL.md.</summary>
    public static SheetFixture Standard()
    {
        var fixture = new SheetFixture();
        fixture.Write("yzmir-ml-production/skills/using-ml-production/SKILL.md", "# Using ML production\n\nRouter skill: zanzibar appears only here.\n");
        fixture.Write("yzmir-ml-production/skills/using-ml-production/quantization-for-inference.md", QuantizationSheet);
        fixture.Write("yzmir-ml-production/skills/using-ml-production/model-serving-patterns.md", ServingSheet);
        fixture.Write("yzmir-llm-specialist/skills/using-llm-specialist/SKILL.md", "# Using LLM specialist\n\nRouter skill: zanzibar appears only here.\n");
        fixture.Write("yzmir-llm-specialist/skills/using-llm-specialist/rag-architecture-patterns.md", RagSheet);
        return fixture;
    }

    /// <summary>Writes <paramref name="text"/> at <paramref name="relativePath"/> (with '/' separators), creating folders.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
