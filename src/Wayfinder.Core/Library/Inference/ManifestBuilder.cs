using System.Collections.Frozen;
using System.Collections.Immutable;
using Wayfinder.Packs;

namespace Wayfinder.Library.Inference;

/// <summary>
/// Makes the <see cref="RoutingPack"/> a router's Markdown implies from what
/// the readers found: a concern per concern block (and one for the sheets no
/// block names), a facet per sheet, product names, concern symptoms,
/// hand-offs, clarifying questions and their answers, routing mistakes (which
/// set the wrong sheet's words aside) and the words of each rule; the
/// questions, the rules and the sheets' own heading words. Nothing calibrates
/// an inferred manifest, so every route carries the same even confidence.
/// </summary>
internal sealed class ManifestBuilder(Draft draft, double confidence)
{
    /// <summary>A single word claimed by this many sheets or more tells none of them apart.</summary>
    public const int MaxSheetsPerWord = 3;

    private readonly List<Facet> _facets = [];
    private readonly HashSet<string> _facetIds = new(StringComparer.Ordinal);

    public RoutingPack Build()
    {
        var pack = draft.Pack;
        var concerns = draft.Concerns.Select(c => new Concern(c.Id, Clean(c.Title) is { Length: > 0 } t ? t : c.Id, "", Clean(c.KeyQuestion))).ToList();
        var concernOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in draft.Concerns)
        {
            c.Sheets.ForEach(s => concernOf.TryAdd(s, c.Id));
        }

        var other = concerns.Exists(c => c.Id == "other") ? "other-sheets" : "other";
        if (pack.Sheets.Any(s => !concernOf.ContainsKey(s.Id)) || concerns.Count == 0)
        {
            concerns.Add(new Concern(other, "Other sheets", "", ""));
        }

        var sheets = pack.Sheets.OrderBy(s => draft.Stage.GetValueOrDefault(s.Id, int.MaxValue)).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new Sheet(s.Id, concernOf.GetValueOrDefault(s.Id, other), draft.Stage.GetValueOrDefault(s.Id, 999), Clean(draft.Summary.GetValueOrDefault(s.Id, s.Title))));
        var named = Destinations().Where(d => d.Pack != pack.Id).Select(d => d.Pack).ToHashSet(StringComparer.Ordinal);
        var sisters = draft.Sisters.Where(s => named.Contains(s.Id))
            .Select(s => new SisterPack(s.Id, Clean(s.Name), Clean(s.Description), [.. s.Sheets.Select(x => new SisterSheet(x.Id, Clean(x.Title)))]));
        Facets();
        var askOrder = Asks();
        var rules = Rules();
        var questions = draft.Asks.Select(a => new Question(a.Id, Clean(a.Text), [.. a.Options.Select(o => Answer(a, o))]));
        return new RoutingPack(
            pack.Id,
            Clean(pack.Name) is { Length: > 0 } title ? title : pack.Id,
            "inferred",
            Clean(pack.Description),
            [.. concerns],
            [.. sheets],
            [.. sisters],
            [.. _facets],
            [.. questions],
            [.. rules],
            [],
            [],
            PackLoader.DefaultToolNotConcernText,
            [],
            null,
            [.. askOrder],
            [.. Lexicon()],
            [],
            Clarification.RouteBasis.All.ToFrozenDictionary(b => b, _ => confidence, StringComparer.Ordinal));
    }

    /// <summary>The facets in order: sheets, product names, concerns, hand-offs (the questions' and the rules' come after).</summary>
    private void Facets()
    {
        var askRoots = draft.Asks.SelectMany(a => a.Triggers).Select(Phrases.Root).ToHashSet(StringComparer.Ordinal);
        var wordCount = draft.SheetTerms.SelectMany(kv => kv.Value.Where(t => !t.Contains(' ', StringComparison.Ordinal)).Distinct().Select(t => (kv.Key, t)))
            .GroupBy(x => x.t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var sheet in draft.Pack.Sheets)
        {
            var terms = draft.SheetTerms[sheet.Id]
                .Where(t => t.Contains(' ', StringComparison.Ordinal) || (wordCount.GetValueOrDefault(t) < MaxSheetsPerWord && !askRoots.Contains(t.TrimEnd('*'))));
            Facet("sheet-" + sheet.Id, terms, sheets: [sheet.Id]);
        }

        foreach (var (sheet, terms) in draft.ToolTerms)
        {
            Facet("tool-" + sheet, terms, sheets: [sheet], trailing: true);
        }

        foreach (var (concern, terms) in draft.ConcernTerms)
        {
            Facet("concern-" + concern, terms, sheets: [draft.Concerns.First(c => c.Id == concern).Sheets[0]]);
        }

        foreach (var (key, (targets, terms)) in draft.HandoffTerms)
        {
            Facet("handoff-" + key.Replace('/', '-').Replace(',', '-'), terms, handoffs: [.. targets.Select(d => Target(d, null))]);
        }

        // A scenario's one word, with the longer terms that hold it (which would otherwise hide it). Composition
        // reads a pack's own sheets before other packs, so a scenario that leads with another pack hands off only.
        var phrases = LongerTerms();
        foreach (var scenario in draft.Scenarios)
        {
            var root = scenario.Terms[0].TrimEnd('*').Split(' ')[^1];
            var terms = scenario.Terms.Concat(scenario.Terms.Count == 1 ? phrases.Where(p => p.Split(' ').Any(w => w.TrimEnd('*') is { Length: > 0 } r && Phrases.Same(r, root))) : []);
            var leadsElsewhere = scenario.Route[0].Pack != draft.Pack.Id;
            Facet(scenario.Id, terms, sheets: leadsElsewhere ? [] : [.. scenario.Route.Where(d => d.Pack == draft.Pack.Id).Select(d => d.Sheet!)],
                handoffs: [.. scenario.Route.TakeWhile(d => !leadsElsewhere || d.Pack != draft.Pack.Id).Where(d => d.Pack != draft.Pack.Id).Select(d => Target(d, null))]);
        }
    }

    /// <summary>Every term of several words said of a sheet, a concern or another pack.</summary>
    private List<string> LongerTerms() =>
        [.. draft.SheetTerms.Values.Concat(draft.HandoffTerms.Values.Select(h => h.Terms)).Concat(draft.ConcernTerms.Values).SelectMany(t => t)
            .Where(t => t.Contains(' ', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)];

    /// <summary>The questions' facets: the words that raise each (with the sheets it defaults to) and those that answer it; then the mistakes'.</summary>
    private List<string> Asks()
    {
        var order = new List<string>();
        foreach (var ask in draft.Asks.Where(a => a.Triggers.Count > 0))
        {
            var terms = ask.Triggers.Select(t => t.Length >= 4 ? Phrases.Root(t) + "*" : t).Distinct(StringComparer.Ordinal);
            var first = ask.Options[0];
            var simple = first.Next is null && !first.Alternatives && first.Route.Count > 0 && first.Route.TrueForAll(d => d.Pack == draft.Pack.Id);
            if (Facet("ask-" + ask.Id, terms, ask: ask.Id, defaults: simple ? [.. first.Route.Select(d => d.Sheet!)] : []))
            {
                order.Add("ask-" + ask.Id);
            }
        }

        foreach (var ask in draft.Asks)
        {
            foreach (var option in ask.Options)
            {
                Facet(AnswerFacet(ask, option), option.GivenBy);
            }
        }

        // A mistake sets aside whatever points at the wrong sheet, unless the right route reads it too.
        foreach (var mistake in draft.Mistakes)
        {
            var wrong = mistake.Wrong.Select(d => d.Sheet).ToHashSet(StringComparer.Ordinal);
            var pointing = _facets.Where(f => f.Sheets.Any(wrong.Contains) && f.Ask is null).Select(f => f.Id).ToList();
            if (pointing.Count > 0)
            {
                Facet(mistake.Id, mistake.Terms, suppresses: pointing);
            }
        }

        return order;
    }

    private QuestionOption Answer(Ask ask, Option option)
    {
        var given = _facetIds.Contains(AnswerFacet(ask, option)) ? ImmutableArray.Create(AnswerFacet(ask, option)) : [];
        var why = "The router's answer: " + option.Label;
        return new QuestionOption(option.Answer, Clean(option.Label), given, option.Next, option.Next is null ? [.. option.Route.Select(d => Target(d, why))] : []);
    }

    private static string AnswerFacet(Ask ask, Option option) => "answer-" + ask.Id + "-" + option.Answer;

    /// <summary>The rules, most words first, each on the facets of its words; a word's facet also holds the longer terms that contain it, which would otherwise hide it.</summary>
    private List<ScenarioRule> Rules()
    {
        var phrases = LongerTerms();
        foreach (var word in draft.Rules.SelectMany(r => r.Terms).Distinct(StringComparer.Ordinal))
        {
            var (id, terms) = WordFacet(word, phrases);
            Facet(id, terms);
        }

        return [.. draft.Rules.OrderByDescending(r => r.Terms.Count).Select(r => new ScenarioRule(
            r.Id,
            Clean(r.Source),
            [new FacetCondition([.. r.Terms.Select(w => WordFacet(w, []).Id).Distinct(StringComparer.Ordinal)], [], [])],
            [.. r.Route.Select(d => Target(d, "The router's scenario " + r.Source))]))];
    }

    /// <summary>A rule word's facet: "word-charg" on "charg*"; a negated word keeps its negation ("word-not-charg" on "not charg*").</summary>
    private static (string Id, List<string> Terms) WordFacet(string word, List<string> phrases)
    {
        var space = word.IndexOf(' ', StringComparison.Ordinal);
        var root = Phrases.Root(space < 0 ? word : word[(space + 1)..]);
        if (space > 0)
        {
            return ($"word-{word[..space]}-{root}", Phrases.WordTerms(word));
        }

        return ("word-" + root, [.. Phrases.WordTerms(word), .. phrases.Where(p => p.Split(' ').Any(w => w.TrimEnd('*') is { Length: > 0 } r && Phrases.Same(r, root)))]);
    }

    private IEnumerable<LexiconEntry> Lexicon() =>
        HeadingWords.Read(draft).Where(kv => kv.Value.Count > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.GroupBy(w => w.Value).OrderByDescending(g => g.Key)
                .SelectMany(g => g.Select(w => w.Key).Order(StringComparer.Ordinal).Select(term => new LexiconEntry(term, new Target(draft.Pack.Id, kv.Key, null), g.Key))));

    private IEnumerable<Dest> Destinations() =>
        draft.Asks.SelectMany(a => a.Options).SelectMany(o => o.Route)
            .Concat(draft.Rules.SelectMany(r => r.Route))
            .Concat(draft.Scenarios.SelectMany(s => s.Route))
            .Concat(draft.HandoffTerms.Values.SelectMany(h => h.Targets));

    private Target Target(Dest d, string? why) =>
        new(d.Pack, d.Sheet, why is null || Clean(why) is not { Length: > 0 } reason ? null : reason);

    private bool Facet(string id, IEnumerable<string> terms, ImmutableArray<string> sheets = default, ImmutableArray<Target> handoffs = default,
        string? ask = null, ImmutableArray<string> defaults = default, List<string>? suppresses = null, bool trailing = false)
    {
        var valid = terms.Select(t => t.Trim()).Where(IsTerm).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (valid.IsEmpty || !_facetIds.Add(id))
        {
            return false;
        }

        _facets.Add(new Facet(id, valid, sheets.IsDefault ? [] : sheets, handoffs.IsDefault ? [] : handoffs, ask, [], defaults.IsDefault ? [] : defaults,
            null, null, false, suppresses is null ? [] : [.. suppresses], [], [], trailing));
        return true;
    }

    /// <summary>A term the matcher can use: some words, and a '~' only between two of them.</summary>
    private static bool IsTerm(string term) =>
        Text.TextNormalizer.Tokenize(term).Count > 0 && !term.StartsWith('~') && !term.EndsWith('~');

    /// <summary>Text as a manifest carries it: one line, trimmed.</summary>
    private static string Clean(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] < ' ' ? ' ' : chars[i];
        }

        return new string(chars).Trim();
    }
}
