using Microsoft.ML.Tokenizers;

namespace Wayfinder.Context;

/// <summary>
/// Counts tokens the way current OpenAI-family models do (o200k_base, via
/// Microsoft.ML.Tokenizers and its bundled data). Created once per process:
/// loading the vocabulary takes a while; counting is thread-safe.
/// </summary>
public sealed class TokenCounter
{
    private static readonly Lazy<TokenCounter> Shared = new(() => new TokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base")));

    private readonly Tokenizer _tokenizer;

    private TokenCounter(Tokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>The o200k_base counter.</summary>
    public static TokenCounter O200kBase => Shared.Value;

    /// <summary>The encoding's name, for reports.</summary>
    public static string Encoding => "o200k_base";

    /// <summary>How many tokens <paramref name="text"/> takes.</summary>
    /// <param name="text">Any text.</param>
    public int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.CountTokens(text);
    }
}
