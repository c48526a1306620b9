using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Library;

/// <summary>What a router's Markdown compiled to: the manifest text, the pack read from it, and any problem.</summary>
/// <param name="Yaml">The inferred routing manifest, in the built-in pack's format (docs/packs.md).</param>
/// <param name="Pack">The manifest loaded and checked; null when it had errors.</param>
/// <param name="Diagnostics">Problems found while loading the inferred manifest.</param>
public sealed record CompiledPack(string Yaml, RoutingPack? Pack, ImmutableArray<PackDiagnostic> Diagnostics);

/// <summary>
/// Reads a skill pack's router (SKILL.md) as the routing manifest it implies,
/// so the same engine that applies the built-in pack applies it:
/// <list type="bullet">
/// <item>concern blocks (a heading over a <c>**Symptoms**</c> line or a "Routes to" list naming a few sheets) give concerns, and their quoted symptoms give signals;</item>
/// <item>what the router says about each sheet (its "Routes to" and catalog lines, "X = how to …" distinctions) gives the words that point at it, and the numbered catalog gives the order sheets are read in;</item>
/// <item>clarification sections (<c>### Query: "…"</c> with <c>**Ask**: "…"</c> and <c>- answer → route</c> items, follow-ups nested) give questions and the words that raise them;</item>
/// <item>tables whose rows quote a scenario and give a route (multi-concern orders, common mistakes with their correct routes) give scenario rules;</item>
/// <item>lines that send questions to another pack ("→ Use <c>pack</c>", "(use <c>pack</c>)", "route to <c>pack</c>", a pack's own list of sheets) give hand-offs, to the named sheet where one is named.</item>
/// </list>
/// Everything is derived from the pack's own text; nothing is specific to one pack.
/// </summary>
public static partial class MarkdownCompiler
{
    /// <summary>A block naming more sheets than this is a catalog or an example, not one concern.</summary>
    public const int MaxSheetsPerConcern = 4;

    /// <summary>The confidence of every route of an inferred manifest: nothing calibrates it.</summary>
    public const double UncalibratedConfidence = 0.5;

    /// <summary>A single word claimed by this many sheets or more tells none of them apart.</summary>
    public const int MaxSheetsPerWord = 3;

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

    /// <summary>Compiles <paramref name="pack"/>'s router, handing off to the packs of <paramref name="others"/> it names.</summary>
    public static CompiledPack Compile(MarkdownPack pack, IReadOnlyList<MarkdownPack> others)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(others);
        var model = new Reader(pack, [.. WithNamedPacks(pack, others)]).Read();
        var yaml = model.ToYaml();
        var file = pack.SkillFile + " (inferred manifest)";
        try
        {
            return new CompiledPack(yaml, PackLoader.Load(yaml, file), []);
        }
        catch (PackLoadException e)
        {
            return new CompiledPack(yaml, null, [.. e.Diagnostics]);
        }
    }

    /// <summary>
    /// The packs <paramref name="pack"/>'s router hands questions to: those of
    /// <paramref name="others"/>, then every pack it names in backticks after
    /// "use", "route to" or "hand off to" (<c>(use `training-optimization`)</c>)
    /// that is neither among them nor one of its own sheets, as a pack with no
    /// sheets known. A hand-off stays a hand-off when its pack is not on disk;
    /// without this, the words around the name were read as one of the
    /// router's own sheets.
    /// </summary>
    internal static List<MarkdownPack> WithNamedPacks(MarkdownPack pack, IReadOnlyList<MarkdownPack> others)
    {
        var packs = others.Where(o => o.Id != pack.Id).ToList();
        var lines = pack.RouterText.Split('\n');
        var fenced = MarkdownFences.Mark(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            if (fenced[i])
            {
                continue;
            }

            foreach (Match m in HandoffName().Matches(lines[i]))
            {
                var name = m.Groups[1].Value;
                var known = name == pack.Name || PackNames.Refers(pack.Id, name)
                    || pack.Sheets.Any(s => s.Id == name || s.Id.StartsWith(name + "-", StringComparison.Ordinal) || s.Id.EndsWith("-" + name, StringComparison.Ordinal))
                    || packs.Exists(o => o.Name == name || PackNames.Refers(o.Id, name) || o.Sheets.Any(s => s.Id == name));
                if (!known)
                {
                    packs.Add(new MarkdownPack(name, name, "", "", [], "", []));
                }
            }
        }

        return packs;
    }

    /// <summary>The words a phrase stands on: normalised, stop words dropped.</summary>
    internal static List<string> Content(string text) =>
        [.. TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => !Stop.Contains(w) && !(w.Length == 1 && !char.IsDigit(w[0])))];

    /// <summary>A word's stem as a term: a long word matches its other endings ("deploy" → "deploy*").</summary>
    internal static string Stem(string word)
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

    private static readonly string[] Suffixes = ["ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing", "ed", "ize", "ise", "ly", "e"];

    /// <summary>
    /// A phrase as a term: its content words stemmed, in order, with room for
    /// a few words between them ("reduce model size" → "reduc* ~ siz*").
    /// </summary>
    internal static string? Term(string phrase)
    {
        // "A/B testing": letters around a slash are one name, kept word for word.
        if (Regex.IsMatch(phrase, @"\b\w/\w\b"))
        {
            var all = TextNormalizer.Tokenize(phrase).Select(t => t.Text).ToList();
            return all.Count is > 0 and <= 5 ? string.Join(' ', all.Select((w, i) => i == all.Count - 1 ? Stem(w) : w)) : null;
        }

        var words = Content(phrase);
        if (words.Count is 0 or > 4)
        {
            return null;
        }

        // Two words are a name ("prompt injection") and stand side by side; longer phrases leave room between their words.
        return string.Join(" ~ ", words.Select(Stem));
    }

    [GeneratedRegex("[\"“]([^\"”]{2,160})[\"”]")]
    internal static partial Regex Quoted();

    [GeneratedRegex(@"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z0-9]+(?=\.md\b)")]
    private static partial Regex Kebab();

    [GeneratedRegex(@"\b(?i:use|route to|hand off to)\s+`([a-z0-9]+(?:-[a-z0-9]+)+)`")]
    private static partial Regex HandoffName();

    [GeneratedRegex(@"\bcategory\s+(\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CategoryNumber();

    [GeneratedRegex(@"^\s*(?:\d+\.|[-*+])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*[*_]*\s*(symptoms?|user mentions)\s*[*_]*\s*:?\s*[*_]*\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex SymptomLine();

    [GeneratedRegex(@"^\s*[*_]*\s*(ask|key question[^:*]*)\s*[*_]*\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AskLine();

    [GeneratedRegex(@"^\s*[*_]*\s*(routes? to|load)\s*[*_]*\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex RoutesToLine();

    [GeneratedRegex(@"^(?:query\s*:\s*)?[""“]", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedHeading();

    [GeneratedRegex(@"^\s*(?:[*_]*\s*)?([^=→:]{2,60}?)\s*=\s*(.+)$")]
    private static partial Regex Distinction();

    [GeneratedRegex(@"\s*(?:,|;|\(|\)|\+|\*\*|—| - |\band\b|\bplus\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ItemSeparator();

    [GeneratedRegex(@"\[([^\]]*)\]\(([^)]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s*[*_]*\s*query\s*[*_]*\s*:\s*[*_]*\s*[""“]", RegexOptions.IgnoreCase)]
    private static partial Regex ExampleQuery();

    [GeneratedRegex(@"^\s*\d+\.\s*[*_]*ask\b", RegexOptions.IgnoreCase)]
    private static partial Regex AskStep();

    [GeneratedRegex(@"^\s*\d+\.\s*[*_]*if\s+[""“]?([^""”:]+)[""”]?\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex IfStep();

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex HeadingMark();
}
