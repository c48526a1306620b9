namespace Wayfinder.Text;

/// <summary>A word of a question: its normalised form and where it stands in the original text.</summary>
internal readonly record struct Token(string Text, int Start, int Length);

/// <summary>
/// Splits text into lower-case words the same way for questions and for pack
/// terms, so that matching is symmetric: letters and digits make words,
/// everything else (punctuation, underscores, hyphens, control characters,
/// emoji) separates them; a plain plural <c>s</c> is dropped.
/// </summary>
internal static class TextNormalizer
{
    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>(Math.Min(256, (text.Length / 5) + 4));
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Adds the words of <paramref name="text"/> to <paramref name="tokens"/>; positions are within <paramref name="text"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, List<Token> tokens)
    {
        var at = 0;
        while (NextWord(text, ref at, out var start))
        {
            tokens.Add(new Token(Normalize(text[start..at]), start, at - start));
        }
    }

    /// <summary>
    /// Finds the next word (a run of letters and digits) from <paramref name="at"/>:
    /// on return it starts at <paramref name="start"/> and ends before <paramref name="at"/>.
    /// </summary>
    public static bool NextWord(ReadOnlySpan<char> text, ref int at, out int start)
    {
        while (at < text.Length && !char.IsLetterOrDigit(text[at]))
        {
            at++;
        }

        start = at;
        while (at < text.Length && char.IsLetterOrDigit(text[at]))
        {
            at++;
        }

        return at > start;
    }

    /// <summary>
    /// The distinct normalised words of <paramref name="text"/>, in ordinal
    /// order: what <see cref="Tokenize(string)"/> yields, deduplicated, without
    /// a string made for each repeat (a sheet says its common words thousands of times).
    /// </summary>
    public static string[] DistinctWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> small = stackalloc char[128];
        var at = 0;
        while (NextWord(text, ref at, out var start))
        {
            var word = text.AsSpan(start, at - start);
            var buffer = word.Length <= small.Length ? small : new char[word.Length];
            lookup.Add(buffer[..Normalize(word, buffer)]);
        }

        var sorted = words.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>Lower-cases a word and drops a plain plural ending.</summary>
    public static string Normalize(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        return new string(buffer[..Normalize(word, buffer)]);
    }

    /// <summary>Writes the normalised word to <paramref name="buffer"/> (at least as long as the word); returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> word, Span<char> buffer)
    {
        var length = word.ToLowerInvariant(buffer);
        var w = buffer[..length];
        // Plain plurals fold (models, replicas); -ss, -us, -is words keep
        // their s (loss, status, analysis), except hardware acronyms (GPUs).
        var acronymPlural = w.Length == 4 && w.EndsWith("pus", StringComparison.Ordinal);
        if (w.Length > 3 && w[^1] == 's' && char.IsLetter(w[^2]) && (acronymPlural || w[^2] is not ('s' or 'u' or 'i')))
        {
            length--;
        }

        return length;
    }
}
