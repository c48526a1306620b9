using System.Text;
using Wayfinder.Text;

namespace Wayfinder.Library.Inference;

/// <summary>
/// How a router's words become terms: content words (function words dropped),
/// stems (a long word matches its other endings), phrases (content words in
/// order with room between them) and the items of a description. A phrase
/// keeps its negation ("not charging" is never "charging").
/// </summary>
internal static class Phrases
{
    /// <summary>Words that carry no topic: they never make a term alone.</summary>
    private static readonly HashSet<string> Stop = new(
        [
            "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "with", "by", "as", "at", "is", "are", "be", "it", "its",
            "this", "that", "my", "our", "your", "i", "we", "you", "need", "want", "how", "what", "do", "does", "not", "no", "isn", "t",
            "model", "models", "via", "vs", "into", "from", "per", "new", "set", "up", "team", "etc", "e", "g", "ie", "incl", "maybe",
            "well", "some", "any", "all", "just", "also", "then", "if", "when", "where", "which", "who", "why", "can", "should", "will",
            "use", "using", "used", "get", "make", "have", "has", "s", "re", "ll", "ve", "d", "m", "only", "both", "more", "less",
            "plus", "part", "than", "their", "them", "they", "these", "those", "there", "here", "about", "like", "see", "route", "routes",
            "routing", "skill", "skills", "pack", "sheet", "sheets", "md", "question", "query", "user", "users", "one", "two",
        ],
        StringComparer.Ordinal);

    /// <summary>Words that set aside what follows them: a phrase holding one keeps it.</summary>
    private static readonly HashSet<string> Negations = new(["not", "no", "never", "without", "t"], StringComparer.Ordinal);

    private static readonly string[] Suffixes = ["ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing", "ed", "ize", "ise", "ly", "e"];

    /// <summary>A phrase of more content words than this is a sentence, not a term.</summary>
    public const int MaxTermWords = 4;

    /// <summary>The words a phrase stands on: normalised, function words dropped.</summary>
    public static List<string> Content(string text) =>
        [.. TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => !Stop.Contains(w) && !(w.Length == 1 && !char.IsDigit(w[0])))];

    /// <summary>A word's stem as a term: a long word matches its other endings ("charge" → "charg*").</summary>
    public static string Stem(string word)
    {
        if (word.Length < 5 || word.Any(char.IsDigit))
        {
            return word;
        }

        if (word.Length >= 7 && word.EndsWith('y') && !"aeiou".Contains(word[^2], StringComparison.Ordinal))
        {
            return word[..^1] + "*";
        }

        foreach (var suffix in Suffixes)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 5)
            {
                return word[..^suffix.Length] + "*";
            }
        }

        return word + "*";
    }

    /// <summary>A word's root for comparing words: its stem without the star.</summary>
    public static string Root(string word) => Stem(word).TrimEnd('*');

    /// <summary>Two words are the same when they share a start of four letters or more that leaves at most one letter of the shorter ("eval", "evaluation"; "scale", "scaling").</summary>
    public static bool Same(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var shorter = Math.Min(a.Length, b.Length);
        var common = 0;
        while (common < shorter && a[common] == b[common])
        {
            common++;
        }

        return common >= 4 && common >= shorter - 1;
    }

    /// <summary>
    /// A phrase as a term: its content words stemmed, in order, with room for a
    /// few words between them ("replace the rotor blades" → "replac* ~ rotor* ~ blade*"); a word the
    /// phrase negates stays bound to its negation ("not charging" → "not charg*").
    /// Null for a phrase of no content word or more than <see cref="MaxTermWords"/>.
    /// </summary>
    public static string? Term(string phrase)
    {
        // "I/O errors": letters around a slash are one name, kept word for word.
        if (HasSlashName(phrase))
        {
            var all = TextNormalizer.Tokenize(phrase).Select(t => t.Text).ToList();
            return all.Count is > 0 and <= 5 ? string.Join(' ', all.Select((w, i) => i == all.Count - 1 ? Stem(w) : w)) : null;
        }

        var parts = Parts(phrase);
        if (parts.Count is 0 or > MaxTermWords)
        {
            return null;
        }

        return string.Join(" ~ ", parts);
    }

    /// <summary>The terms of a phrase: <see cref="Term"/>, and for a phrase negated by "not" the same with the contracted negation ("isn't charging").</summary>
    public static IEnumerable<string> Terms(string phrase)
    {
        if (Term(phrase) is not { } term)
        {
            yield break;
        }

        yield return term;
        if (term.StartsWith("not ", StringComparison.Ordinal) || term.Contains(" ~ not ", StringComparison.Ordinal))
        {
            yield return term.StartsWith("not ", StringComparison.Ordinal) ? "t " + term[4..] : term.Replace(" ~ not ", " ~ t ", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The words a scenario rule stands on: the phrase's content words, a
    /// negated one with its negation ("not charging", "no fly"), without the
    /// pack's own words (context every question to it may leave unsaid).
    /// Fewer than two make no rule: one word lifted from a phrase would send
    /// every question holding it one way, over everything else it says.
    /// </summary>
    public static List<string> RuleWords(string phrase, IReadOnlySet<string> packWords)
    {
        var topical = Words(phrase).Where(w => !packWords.Contains(w)).ToList();
        return topical.Count >= 2 ? topical : [];
    }

    /// <summary>The one word a phrase says besides the pack's own ("Overheating drones" in a pack about drones), or null.</summary>
    public static string? LoneWord(string phrase, IReadOnlySet<string> packWords) =>
        Words(phrase).Where(w => !packWords.Contains(w)).ToList() is [var only] ? only : null;

    /// <summary>The terms of a rule word: its stem ("charg*"), a negated one with its negation ("not charg*", and "isn't charging" as "t charg*").</summary>
    public static List<string> WordTerms(string word)
    {
        var space = word.IndexOf(' ', StringComparison.Ordinal);
        var bare = space < 0 ? word : word[(space + 1)..];
        var term = bare.Length >= 4 ? Root(bare) + "*" : bare;
        return space < 0 ? [term] : word[..space] == "not" ? ["not " + term, "t " + term] : [word[..space] + " " + term];
    }

    /// <summary>A phrase's content words in order, each negated one with its negation.</summary>
    private static List<string> Words(string phrase) => [.. Negated(phrase, word => word).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A phrase's content words, each in the form <paramref name="form"/>
    /// gives it, a negated one joined to its negation ("not charg*", "no fly");
    /// stop words and single letters are left out.
    /// </summary>
    private static IEnumerable<string> Negated(string phrase, Func<string, string> form)
    {
        string? negation = null;
        foreach (var word in TextNormalizer.Tokenize(phrase).Select(t => t.Text))
        {
            if (Negations.Contains(word))
            {
                negation = word == "t" ? "not" : word;
                continue;
            }

            if (Stop.Contains(word) || (word.Length == 1 && !char.IsDigit(word[0])))
            {
                continue;
            }

            yield return negation is null ? form(word) : negation + " " + form(word);
            negation = null;
        }
    }

    /// <summary>Whether a phrase negates one of its words.</summary>
    public static bool IsNegated(string phrase) => Parts(phrase).Exists(p => p.Contains(' ', StringComparison.Ordinal));

    /// <summary>A phrase's content words, stemmed, each negation joined to the word it negates ("not charg*", "no fly").</summary>
    private static List<string> Parts(string phrase) => [.. Negated(phrase, Stem)];

    private static bool HasSlashName(string phrase)
    {
        for (var i = 1; i + 1 < phrase.Length; i++)
        {
            if (phrase[i] == '/' && char.IsLetterOrDigit(phrase[i - 1]) && char.IsLetterOrDigit(phrase[i + 1])
                && (i < 2 || !char.IsLetterOrDigit(phrase[i - 2])) && (i + 2 >= phrase.Length || !char.IsLetterOrDigit(phrase[i + 2])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Items of a description: split at commas, semicolons, brackets, pluses, dashes, "and" and "plus"; a lone word split at its slashes.</summary>
    public static IEnumerable<string> Items(string text)
    {
        foreach (var part in SplitItems(Clean(text)))
        {
            var item = part.Trim();
            if (item.Length <= 1)
            {
                continue;
            }

            if (!item.Contains(' ', StringComparison.Ordinal) && !HasSlashName(item))
            {
                foreach (var piece in item.Split('/').Where(p => p.Length > 1))
                {
                    yield return piece;
                }

                continue;
            }

            yield return item;
        }
    }

    private static List<string> SplitItems(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cut = text[i] is ',' or ';' or '(' or ')' or '+' or '—' ? 1
                : string.CompareOrdinal(text, i, " - ", 0, 3) == 0 ? 3
                : WordAt(text, i, "and") ? 3
                : WordAt(text, i, "plus") ? 4 : 0;
            if (cut > 0)
            {
                parts.Add(text[start..i]);
                start = i + cut;
                i = start - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Whether <paramref name="word"/> (any case) stands at <paramref name="at"/> as a whole word.</summary>
    public static bool WordAt(string text, int at, string word) =>
        at + word.Length <= text.Length
        && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
        && (at + word.Length == text.Length || !char.IsLetterOrDigit(text[at + word.Length]));

    /// <summary>Whether <paramref name="text"/> holds <paramref name="word"/> (any case) as a whole word.</summary>
    public static bool HasWord(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (WordAt(text, at, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Plain text as items are read: underscores are spaces (<c>snake_case</c> names are words).</summary>
    public static string Clean(string text) => text.Replace('_', ' ').Trim();

    /// <summary>A single word written like a product's name: capitals inside it or all capitals (FastAPI, gRPC, ONNX).</summary>
    public static bool IsToolName(string part)
    {
        var word = part.Trim();
        return word.Length >= 2 && !word.Contains(' ', StringComparison.Ordinal) && word.All(char.IsLetterOrDigit)
            && word.Skip(1).Any(char.IsUpper) && word.Any(char.IsLetter);
    }

    /// <summary>A single word of fewer than four letters, not written as a product's name or with digits ("day", but not "GPU" or "k8s").</summary>
    public static bool IsShortWord(string part)
    {
        var word = part.Trim();
        return word.Length < 4 && word.All(char.IsLetter) && !IsToolName(word);
    }

    /// <summary>An id made of a text's first content words ("Flight Health" → "flight-health").</summary>
    public static string Slug(string text) =>
        string.Join('-', TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => !Stop.Contains(w)).Take(4));

    /// <summary>Whether a word carries no topic.</summary>
    public static bool IsStop(string word) => Stop.Contains(word);

    /// <summary>A text as one line: its line breaks made spaces.</summary>
    public static string OneLine(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            b.Append(c is '\n' or '\r' or '\t' ? ' ' : c);
        }

        return b.ToString().Trim();
    }
}
