using System.Collections.Immutable;
using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Library.Inference;

/// <summary>
/// What the readers have found in one router so far: each reader adds to it,
/// and <see cref="ManifestBuilder"/> makes the routing pack from it.
/// </summary>
internal sealed class Draft
{
    private TermMatcher? _described;
    private int _describedTerms;

    public Draft(MarkdownPack pack, ImmutableArray<MarkdownPack> sisters, MarkdownDocument document)
    {
        Pack = pack;
        Sisters = sisters;
        Document = document;
        Names = new SheetNames(this);
        SheetTerms = pack.Sheets.ToDictionary(s => s.Id, _ => new List<string>(), StringComparer.Ordinal);
        PackWords = [.. Phrases.Content(pack.Id.Replace('-', ' ').Replace(':', ' ') + " " + pack.Name.Replace('-', ' '))];
    }

    public MarkdownPack Pack { get; }


    public ImmutableArray<MarkdownPack> Sisters { get; }

    public MarkdownDocument Document { get; }

    public SheetNames Names { get; }

    /// <summary>Words of the pack's own names: every question to it may hold them, so they tell its sheets apart from nothing.</summary>
    public HashSet<string> PackWords { get; }

    public List<ConcernBlock> Concerns { get; } = [];

    public Dictionary<string, List<string>> SheetTerms { get; }

    /// <summary>Product names said of a sheet: they trail the concern named, never lead.</summary>
    public Dictionary<string, List<string>> ToolTerms { get; } = new(StringComparer.Ordinal);

    /// <summary>Symptoms of a concern that no one of its sheets owns.</summary>
    public Dictionary<string, List<string>> ConcernTerms { get; } = new(StringComparer.Ordinal);

    /// <summary>Words that send a question to other packs, by destination list.</summary>
    public Dictionary<string, (List<Dest> Targets, List<string> Terms)> HandoffTerms { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Stage { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Summary { get; } = new(StringComparer.Ordinal);

    public List<Ask> Asks { get; } = [];

    public List<Rule> Rules { get; } = [];

    public List<Scenario> Scenarios { get; } = [];

    public List<Mistake> Mistakes { get; } = [];

    /// <summary>Lines of answers to the router's own questions: routes that apply once asked, not to every question.</summary>
    public HashSet<int> AnswerLines { get; } = [];

    public List<PackDiagnostic> Diagnostics { get; } = [];

    public Dest Own(string sheet) => new(Pack.Id, sheet);

    public bool IsPackOnly(Dest d) => d.Pack == Pack.Id && d.Sheet is null;

    public void Warn(int line, string message) => Diagnostics.Add(new PackDiagnostic(Pack.SkillFile, line, 1, message));

    public static void AddTerm(List<string> terms, string? term)
    {
        if (term is not null && !terms.Contains(term))
        {
            terms.Add(term);
        }
    }

    public void AddSheetTerm(string sheet, string? term)
    {
        if (SheetTerms.TryGetValue(sheet, out var terms))
        {
            AddTerm(terms, term);
        }
    }

    public List<string> ToolTermsOf(string sheet)
    {
        if (!ToolTerms.TryGetValue(sheet, out var terms))
        {
            ToolTerms[sheet] = terms = [];
        }

        return terms;
    }

    public void AddHandoff(List<Dest> targets, string text)
    {
        var key = string.Join(',', targets.Select(d => d.Pack == Pack.Id ? d.Sheet : d.Sheet is null ? d.Pack : $"{d.Pack}/{d.Sheet}"));
        if (!HandoffTerms.TryGetValue(key, out var handoff))
        {
            HandoffTerms[key] = handoff = (targets, []);
        }

        foreach (var term in Phrases.Items(text).SelectMany(Phrases.Terms))
        {
            AddTerm(handoff.Terms, term);
        }
    }

    /// <summary>
    /// Each item of what the router says a sheet covers (its catalogue entry) as
    /// a term of <paramref name="sheet"/>; a product's name only trails the
    /// concern named. A lone short word ("Day" of "Day/night") is too common to
    /// point anywhere by itself.
    /// </summary>
    public void AddDescription(string sheet, string text) => AddItems(sheet, text, situation: false);

    /// <summary>
    /// Each item of a situation the router sends to a sheet (a table row, a
    /// symptom, a branch of a decision tree), as <see cref="AddDescription"/>;
    /// but an item made only of the pack's common vocabulary (words most of its
    /// sheets use, "drone" and "flight" in a pack about drones) points nowhere in particular.
    /// </summary>
    public void AddItems(string sheet, string text) => AddItems(sheet, text, situation: true);

    private void AddItems(string sheet, string text, bool situation)
    {
        foreach (var part in Phrases.Items(text))
        {
            if (Phrases.IsShortWord(part) || (situation && IsCommon(part)))
            {
                continue;
            }

            foreach (var term in Phrases.Terms(part))
            {
                AddTerm(Phrases.IsToolName(part) ? ToolTermsOf(sheet) : SheetTerms[sheet], term);
            }
        }
    }

    /// <summary>
    /// A quoted phrase as terms of <paramref name="sheet"/>: whole when short
    /// enough, else each of its parts that is a phrase itself (a single word
    /// lifted from a long quote says little of what the quote is about).
    /// </summary>
    public void AddPhrase(string sheet, string phrase)
    {
        var parts = Phrases.Terms(phrase).Any() ? [phrase] : Phrases.Items(phrase.Replace('/', ',')).Where(p => Phrases.Content(p).Count >= 2).ToList();
        foreach (var term in parts.Where(p => !IsCommon(p)).SelectMany(Phrases.Terms))
        {
            AddSheetTerm(sheet, term);
        }
    }

    /// <summary>
    /// A scenario with its route: a rule when it says two words or more; one
    /// word besides the pack's own is a scenario facet, evidence among the
    /// rest; a phrase of no word of its own is nothing.
    /// </summary>
    public void AddScenario(string phrase, int line, List<Dest> route)
    {
        var id = Phrases.Slug(phrase);
        var words = Phrases.RuleWords(phrase, PackWords);
        if (words.Count > 0)
        {
            if (!Rules.Exists(r => r.Id == "rule-" + id))
            {
                Rules.Add(new Rule("rule-" + id, $"SKILL.md:{line} \"{phrase}\"", words, route));
            }
        }
        else if (Phrases.LoneWord(phrase, PackWords) is { } word && !Scenarios.Exists(s => s.Id == "scenario-" + id) && (route[0].Pack != Pack.Id || !IsCommon(word)))
        {
            Scenarios.Add(new Scenario("scenario-" + id, Phrases.WordTerms(word), route));
        }
    }

    private List<string[]>? _sheetWords;

    /// <summary>
    /// Whether every content word of a phrase (each as its stem) is found in
    /// more than a third of the pack's sheets: the pack's common vocabulary,
    /// which alone points nowhere in particular.
    /// </summary>
    public bool IsCommon(string phrase)
    {
        var words = Phrases.Content(phrase);
        if (words.Count == 0 || Pack.Sheets.Length < 3)
        {
            return false;
        }

        _sheetWords ??= [.. Pack.Sheets.Select(s => TextNormalizer.DistinctWords(s.Text))];
        var most = Math.Max(1, (int)Math.Ceiling(Pack.Sheets.Length / 3.0));
        return words.TrueForAll(w => _sheetWords.Count(sheet => HasPrefix(sheet, Phrases.Root(w))) > most);
    }

    private static bool HasPrefix(string[] sorted, string prefix)
    {
        var at = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        var i = at >= 0 ? at : ~at;
        return i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Sheets whose words so far appear in <paramref name="text"/>, by where they first appear.</summary>
    public List<string> Described(string text)
    {
        // Built once for the words known so far; built again only when a sheet has gained words.
        var known = SheetTerms.Values.Sum(t => t.Count);
        if (_described is null || _describedTerms != known)
        {
            _described = new TermMatcher(SheetTerms.SelectMany(kv => kv.Value.Select(t => (kv.Key, t))));
            _describedTerms = known;
        }

        return [.. _described.Match(TextNormalizer.Tokenize(text)).OrderBy(h => h.FirstToken).Select(h => h.Facet).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The sheet a descriptive name stands for ("Route planning", "Telemetry"):
    /// the one whose id (or, unless <paramref name="sheetsOnly"/>, whose concern's
    /// title) carries the largest share of the name's words; with
    /// <paramref name="partial"/>, half of the name's words are enough.
    /// </summary>
    public string? Best(string name, bool partial = false, bool sheetsOnly = false)
    {
        var words = Phrases.Content(name).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return null;
        }

        var needed = partial ? (words.Count + 1) / 2 : words.Count;
        string? best = null;
        var bestScore = 0.0;
        foreach (var sheet in Pack.Sheets)
        {
            var id = Phrases.Content(sheet.Id.Replace('-', ' ')).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
            var shared = words.Count(w => id.Any(i => Phrases.Same(i, w)));
            if (shared > 0 && shared >= needed && (double)shared / id.Count > bestScore)
            {
                (best, bestScore) = (sheet.Id, (double)shared / id.Count);
            }
        }

        foreach (var concern in sheetsOnly ? [] : Concerns)
        {
            var title = Phrases.Content(concern.Title).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
            var shared = words.Count(w => title.Any(t => Phrases.Same(t, w)));
            if (shared > 0 && shared >= needed && (double)shared / title.Count > bestScore && concern.Sheets.Count > 0)
            {
                (best, bestScore) = (concern.Sheets[0], (double)shared / title.Count);
            }
        }

        return best;
    }
}
