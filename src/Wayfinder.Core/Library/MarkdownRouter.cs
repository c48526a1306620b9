using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;

namespace Wayfinder.Library;

/// <summary>
/// Routes inside a Markdown skill pack that carries no routing manifest. Its
/// router is compiled to the manifest it implies (<see cref="MarkdownCompiler"/>)
/// and applied by the same engine as the built-in pack. A question in which
/// none of the router's own words is found is ranked instead (BM25 over every
/// line of SKILL.md that names a sheet, with the headings above it, and the
/// sheet's own title and headings). A hand-off to a pack whose sheets the
/// router names by file goes to the sheet of that pack its own router's words
/// point at. Built once per pack; read-only afterwards.
/// </summary>
public sealed partial class MarkdownRouter : IQuestionMatcher
{
    /// <summary>
    /// A question none of the router's words reaches is ranked; a best BM25
    /// score under this many times what one word found in a single sheet adds
    /// is too thin to route on, and the router's question about the concern is
    /// asked instead.
    /// </summary>
    internal const double MinFallbackWords = 1.0;

    /// <summary>Sheets within this share of the best score follow it.</summary>
    internal const double FollowShare = 0.5;

    private readonly MarkdownPack _pack;
    private readonly ImmutableArray<MarkdownPack> _packs;
    private readonly Bm25Matcher _index;

    /// <summary>The router of one pack, read from its Markdown.</summary>
    /// <param name="pack">The pack on disk.</param>
    public MarkdownRouter(MarkdownPack pack)
        : this(pack, [])
    {
    }

    /// <summary>
    /// Routes inside <paramref name="pack"/>, handing off to the packs of
    /// <paramref name="others"/> its router sends questions to.
    /// </summary>
    public MarkdownRouter(MarkdownPack pack, IReadOnlyList<MarkdownPack> others)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(others);
        _packs = [pack];
        _pack = pack;
        var document = MarkdownDocument.Parse(pack.SkillFile, pack.RouterText);
        others = MarkdownCompiler.WithNamedPacks(pack, document, others);
        var passages = Passages(pack, document, others);
        _index = new Bm25Matcher(SheetCorpus.FromPassages(passages, pack.SkillFile), null);
        Compiled = MarkdownCompiler.Compile(pack, document, others);
        if (Compiled.Pack is { } compiled)
        {
            _compiled = new RouterBuilder().UsePack(compiled).UseModel(pack.Model).Build();
        }

        // Packs whose sheets the router names by file are routed into: a hand-off
        // to one of them goes to the sheet its own router's words point at.
        _sisterSheets = others
            .Where(o => o.Id != pack.Id && o.Sheets.Any(s => PackNames.Mentions(pack.RouterText, s.Id + ".md")))
            .ToDictionary(o => o.Id, o => new Bm25Matcher(SheetCorpus.FromPassages(Passages(o).Where(p => p.Sheet is not null), o.SkillFile), null), StringComparer.Ordinal);
    }

    /// <summary>The routing manifest inferred from the router's Markdown (null for a marketplace).</summary>
    public CompiledPack? Compiled { get; }

    private readonly Router? _compiled;
    private readonly Dictionary<string, Bm25Matcher> _sisterSheets = new(StringComparer.Ordinal);

    /// <summary>
    /// Routes over several packs at once (a marketplace): every sheet of every
    /// pack, ranked on what its own router says about it.
    /// </summary>
    public MarkdownRouter(IReadOnlyList<MarkdownPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        if (packs.Count == 0)
        {
            throw new ArgumentException("at least one pack is needed", nameof(packs));
        }

        _packs = [.. packs];
        _pack = packs[0];
        _index = new Bm25Matcher(SheetCorpus.FromPassages(packs.SelectMany(p => Passages(p)), packs[0].SkillFile), null);
    }

    /// <summary>The matcher's name in evaluation reports: <c>markdown:PACK</c>, or <c>markdown</c> over several packs.</summary>
    public string Name => _packs.Length == 1 ? $"markdown:{_pack.Id}" : "markdown";

    /// <summary>What the router says about each sheet, for inspection and tests.</summary>
    public static ImmutableArray<SheetPassage> Passages(MarkdownPack pack) => Passages(pack, []);

    /// <summary>
    /// What the router says about each of its sheets and, for every other
    /// pack of <paramref name="others"/> it names (in any spelling: folder name,
    /// routing name, frontmatter name, <c>pack/sheet.md</c>), what it says
    /// about handing questions there: a hand-off passage for that pack.
    /// </summary>
    public static ImmutableArray<SheetPassage> Passages(MarkdownPack pack, IReadOnlyList<MarkdownPack> others)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(others);
        return Passages(pack, MarkdownDocument.Parse(pack.SkillFile, pack.RouterText), others);
    }

    /// <summary>What the router says about each sheet and each pack it hands off to, from the router already parsed: its prose lines under their headings, never its code.</summary>
    internal static ImmutableArray<SheetPassage> Passages(MarkdownPack pack, MarkdownDocument document, IReadOnlyList<MarkdownPack> others)
    {
        var lines = document.SourceLines;
        var headingAt = document.Headings.ToDictionary(h => h.Line);
        var said = pack.Sheets.ToDictionary(s => s.Id, _ => new StringBuilder(), StringComparer.Ordinal);
        var sisters = others.Where(o => o.Id != pack.Id).ToList();
        var handoffs = sisters.ToDictionary(o => o.Id, _ => new StringBuilder(), StringComparer.Ordinal);
        var headings = new List<(int Level, string Text)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (document.IsCode(i + 1))
            {
                continue;
            }

            if (headingAt.TryGetValue(i + 1, out var heading))
            {
                headings.RemoveAll(x => x.Level >= heading.Level);
                headings.Add((heading.Level, heading.Title));
                continue;
            }

            var mentionsSister = false;
            foreach (var sister in sisters)
            {
                if (Names(line, sister))
                {
                    mentionsSister = true;
                    handoffs[sister.Id].AppendLine(string.Join(' ', headings.Select(x => x.Text))).AppendLine(line);
                }
            }

            foreach (var sheet in pack.Sheets)
            {
                // A line about another pack names this pack's sheets only in passing.
                if (!mentionsSister && PackNames.Mentions(line, sheet.Id))
                {
                    said[sheet.Id].AppendLine(string.Join(' ', headings.Select(x => x.Text))).AppendLine(line);
                }
            }
        }

        var sisterPassages = sisters.Where(o => handoffs[o.Id].Length > 0)
            .Select(o => new SheetPassage(o.Id, null, "", $"{o.Id.Replace('-', ' ')}\n{o.Description}\n{handoffs[o.Id]}"));

        return [.. pack.Sheets.Select(sheet => new SheetPassage(
            pack.Id,
            sheet.Id,
            "",
            new StringBuilder()
                .AppendLine(sheet.Id.Replace('-', ' '))
                .AppendLine(sheet.Title)
                .AppendLine(string.Join(' ', sheet.Sections.Where(s => s.Level is 2 or 3).Select(s => s.HeadingPath.Split(" > ")[^1])))
                .Append(said[sheet.Id])
                .ToString())), .. sisterPassages];
    }

    /// <summary>Whether a line names <paramref name="pack"/>: its folder name, its frontmatter name, or the routing name its folder ends with.</summary>
    private static bool Names(string line, MarkdownPack pack)
    {
        foreach (Match m in KebabName().Matches(line))
        {
            var name = m.Value;
            if (name == pack.Name || (name.Contains('-', StringComparison.Ordinal) && PackNames.Refers(pack.Id, name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A hand-off to a pack whose sheets the router names gets the sheet of that pack the question's words point at.</summary>
    private Decision IntoSisterSheets(string question, Decision decision)
    {
        if (!decision.Handoffs.Any(h => h.Sheet is null && _sisterSheets.ContainsKey(h.Pack)))
        {
            return decision;
        }

        var evidence = decision.Evidence.ToList();
        var handoffs = decision.Handoffs.Select(h =>
        {
            if (h.Sheet is not null || !_sisterSheets.TryGetValue(h.Pack, out var index) || index.Rank(question) is not [var top, ..])
            {
                return h;
            }

            evidence.Add(new Evidence(EvidenceKind.Score, $"{top.Pack}/{top.Sheet}", FormattableString.Invariant($"bm25 {top.Score:0.###} over what {h.Pack}'s router says about its sheets")));
            return h with { Sheet = top.Sheet };
        }).ToList();
        var distinct = handoffs.DistinctBy(h => (h.Pack, h.Sheet)).ToList();
        return decision with { Handoffs = distinct, Evidence = evidence };
    }

    /// <summary>What the rules read from the router's Markdown decide alone, with no ranking behind them; null when no rule could be read.</summary>
    internal Decision? RouteByRules(string question, IReadOnlyList<string> answers) => _compiled?.Route(question, answers);

    /// <summary>Routes <paramref name="question"/> with no answers.</summary>
    /// <param name="question">The question as asked.</param>
    public Decision Match(string question) => Route(question, []);

    /// <summary>Routes <paramref name="question"/> with no answers.</summary>
    /// <param name="question">The question as asked.</param>
    public Decision Route(string question) => Route(question, []);

    /// <summary>
    /// Routes; when the question only repeats one of the router's own ambiguous
    /// queries ("### Query: "My model is too slow"" followed by "**Ask**: …")
    /// it asks that question first, and answers passed back are read as more
    /// words of the question.
    /// </summary>
    public Decision Route(string question, IReadOnlyList<string> answers)
    {
        QuestionGuard.ThrowIfInvalid(question);
        ArgumentNullException.ThrowIfNull(answers);
        var inferred = _compiled?.Route(question, answers);
        var noSignal = inferred is null || (inferred.Status == DecisionStatus.Clarify && inferred.Question?.Id == RouterBuilder.ConcernQuestionId);
        if (!noSignal)
        {
            return IntoSisterSheets(question, inferred!);
        }

        // Nothing the router's own words point at (or a marketplace): rank the sheets on what is
        // written about them, unless that evidence is too thin, when the router's own question is asked.
        var ranking = _index.Rank(answers.Count > 0 ? question + " " + string.Join(' ', answers) : question);
        if (ranking.Count == 0 || ranking[0].Score < MinFallbackWords * _index.OneWord)
        {
            // Too little in common to route on: the router's question about the concern, or which sheet it is.
            List<Evidence> why = [.. ranking.Take(1).Select(Score), new Evidence(EvidenceKind.Tree, "ask", ranking.Count == 0
                ? "no sheet of this pack shares a word with the question"
                : "too little in common with any sheet to route on")];
            return inferred is { Question.Options.Count: >= 2 }
                ? inferred with { Evidence = [.. inferred.Evidence, .. why] }
                : Ranked([]) with { Evidence = why };
        }

        return IntoSisterSheets(question, Ranked(ranking));
    }

    private static Evidence Score(RankedDestination r) =>
        new("score", r.Sheet is null ? r.Pack : $"{r.Pack}/{r.Sheet}", FormattableString.Invariant($"bm25 {r.Score:0.###} over what the router says about it"));

    private Decision Ranked(IReadOnlyList<RankedDestination> ranking)
    {
        var evidence = ranking.Take(3).Select(Score).ToList();
        if (ranking.Count == 0)
        {
            evidence.Add(new Evidence(EvidenceKind.Tree, "ask", "no sheet of this pack shares a word with the question"));
            var ask = _packs.Length == 1
                ? new ClarifyingQuestion("sheet", $"Which part of {_pack.Name} is the question about?",
                    [.. _pack.Sheets.Select(s => new QuestionChoice(s.Id, s.Title, $"{_pack.Id}/{s.Id}"))])
                : new ClarifyingQuestion("pack", "Which pack is the question about?",
                    [.. _packs.Select(p => new QuestionChoice(p.Id, p.Description.Length > 0 ? p.Description : p.Name, p.Id))]);
            return new Decision(DecisionStatus.Clarify, [], ask, [], [], evidence) { NoSignal = true };
        }

        var best = ranking[0].Score;
        var chosen = ranking.Where(r => r.Score >= FollowShare * best).Take(3).ToList();
        var handoffFirst = chosen[0].Sheet is null;
        var order = 0;
        var steps = new List<Step>();
        var handoffs = new List<Handoff>();
        foreach (var r in chosen.Where(r => r.Sheet is not null && !handoffFirst))
        {
            order++;
            steps.Add(new Step(r.Pack, r.Sheet!, "", string.Create(CultureInfo.InvariantCulture, $"What the router says about {r.Sheet} matches the question (rank {order})."), order));
        }

        foreach (var r in chosen.Where(r => r.Sheet is null))
        {
            order++;
            handoffs.Add(new Handoff(r.Pack, null, "The router hands questions like this to that pack.", order));
        }

        evidence.Add(new Evidence(EvidenceKind.Basis, DecisionBasis.Markdown, "ranked over the pack router's own words about each sheet and the packs it hands off to"));
        var status = steps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff;
        return new Decision(status, steps, null, handoffs, [], evidence) { Confidence = MarkdownCompiler.UncalibratedConfidence, Basis = DecisionBasis.Markdown };
    }

    [GeneratedRegex(@"[a-z0-9]+(?:-[a-z0-9]+)+")]
    private static partial Regex KebabName();
}
