using System.Collections.Frozen;

namespace Wayfinder.Text;

/// <summary>
/// The words of a text that carry its subject: the router's normalised words
/// (<see cref="TextNormalizer"/>) less one-letter words and an English
/// stop-word list. BM25 and the fitted model's text features read the same words.
/// </summary>
internal static class ContentWords
{
    public static IEnumerable<string> Of(string text)
    {
        foreach (var token in TextNormalizer.Tokenize(text))
        {
            if (IsContent(token.Text))
            {
                yield return token.Text;
            }
        }
    }

    public static bool IsContent(string word) => word.Length > 1 && !StopWords.Contains(word);

    public static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "but", "by", "can", "could", "did", "do", "doe", "does", "doing", "don", "for", "from",
        "had", "ha", "has", "have", "having", "he", "her", "here", "hi", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "just", "me", "more", "most", "my", "no", "not", "now", "of", "on", "once", "only",
        "or", "other", "our", "out", "over", "same", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
        "up", "very", "wa", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will",
        "with", "would", "you", "your", "thank", "thanks", "please", "hello", "anyone", "get", "got", "use", "using",
    }.ToFrozenSet(StringComparer.Ordinal);
}
