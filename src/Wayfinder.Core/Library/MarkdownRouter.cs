using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wayfinder.Packs;
using Wayfinder.Retrieval;
using Wayfinder.Routing;

namespace Wayfinder.Library;

/// <summary>
/// Routes inside a Markdown skill pack that carries no routing manifest, from
/// what its router says about each sheet: every line of SKILL.md that links to
/// or names a sheet ("routes to" lists, routing tables, "See X.md for …")
/// together with the headings above it (which often quote the user's
/// question), plus the sheet's own title and headings. BM25 ranks the sheets
/// on that text; the best and those within half its score (up to three) are
/// the route. With no word in common it asks which sheet the question is
/// about. Built once per pack; read-only afterwards.
/// </summary>
public sealed partial class MarkdownRouter : IQuestionMatcher
{
    /// <summary>A router section naming more sheets than this is a catalog, not one concern's block.</summary>
    public const int MaxSheetsPerConcernBlock = 4;

    /// <summary>Sheets within this share of the best score follow it.</summary>
    public const double FollowShare = 0.5;

    private readonly MarkdownPack _pack;
    private readonly ImmutableArray<MarkdownPack> _packs;
    private readonly Bm25Matcher _index;
    private readonly ImmutableArray<InferredQuestion> _questions = [];
    private readonly FrozenSet<string> _routingWords = FrozenSet<string>.Empty;
    private readonly ImmutableArray<Scenario> _scenarios = [];

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
        var passages = Passages(pack, others);
        _index = new Bm25Matcher(SheetCorpus.FromPassages(passages, pack.SkillFile), null);
        _questions = Questions(pack);
        _routingWords = DiscriminatingWords(passages);
        _scenarios = Scenarios(pack, others, _routingWords);
    }

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
        var lines = pack.RouterText.Split('\n');
        var said = pack.Sheets.ToDictionary(s => s.Id, _ => new StringBuilder(), StringComparer.Ordinal);
        var sisters = others.Where(o => o.Id != pack.Id).ToList();
        var handoffs = sisters.ToDictionary(o => o.Id, _ => new StringBuilder(), StringComparer.Ordinal);
        var headings = new List<(int Level, string Text)>();
        var inFence = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            if (Heading().Match(line) is { Success: true } h)
            {
                var level = h.Groups[1].Length;
                headings.RemoveAll(x => x.Level >= level);
                headings.Add((level, h.Groups[2].Value));
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

    /// <summary>A multi-concern scenario of the router: its words and the route it fixes, in order.</summary>
    private sealed record Scenario(string Text, IReadOnlyList<string> Words, IReadOnlyList<(string Pack, string? Sheet)> Route);

    /// <summary>
    /// Tables whose rows quote a scenario and give a route in order
    /// ("| "Deploy and monitor model" | 1. Serving → 2. Observability |").
    /// Each step resolves to a sheet named in it, another pack named in it, or
    /// the first sheet of the router section whose heading shares its words
    /// (a concern's block: "### Category 2: Serving Infrastructure").
    /// </summary>
    private static ImmutableArray<Scenario> Scenarios(MarkdownPack pack, IReadOnlyList<MarkdownPack> others, FrozenSet<string> routing)
    {
        var text = pack.RouterText;
        var sections = pack.RouterSections;
        var blocks = sections
            .Select(x => (Words: Words(x.HeadingPath.Split(" > ")[^1]).ToHashSet(StringComparer.Ordinal),
                Sheets: pack.Sheets.Where(sh => x.Text.Contains(sh.Id + ".md", StringComparison.Ordinal))
                    .OrderBy(sh => x.Text.IndexOf(sh.Id + ".md", StringComparison.Ordinal)).ToList()))
            .Where(b => b.Sheets.Count is > 0 and <= MaxSheetsPerConcernBlock)
            .ToList();
        var scenarios = ImmutableArray.CreateBuilder<Scenario>();
        foreach (var line in text.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || QuotedText().Match(cells[1]) is not { Success: true } quoted || !cells[2].Contains('→', StringComparison.Ordinal))
            {
                continue;
            }

            var route = new List<(string, string?)>();
            foreach (var part in cells[2].Split('→'))
            {
                var sheet = pack.Sheets.FirstOrDefault(sh => part.Contains(sh.Id, StringComparison.Ordinal));
                var sister = others.FirstOrDefault(o => o.Id != pack.Id && Names(part, o));
                var partWords = Words(part).ToHashSet(StringComparer.Ordinal);
                var block = blocks.Where(b => b.Words.Overlaps(partWords)).Select(b => b.Sheets[0]).FirstOrDefault();
                (string, string?)? step = sheet is not null ? (pack.Id, sheet.Id) : sister is not null ? (sister.Id, null) : block is not null ? (pack.Id, block.Id) : null;
                if (step is { } s && !route.Contains(s))
                {
                    route.Add(s);
                }
            }

            // Every word of the scenario but the commonest ("model", "and") must be in the question.
            var words = Words(quoted.Groups[1].Value).Where(w => w.Length > 2 && !Common.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
            if (route.Count > 0 && words.Count > 0)
            {
                scenarios.Add(new Scenario(quoted.Groups[1].Value, words, route));
            }
        }

        return scenarios.ToImmutable();
    }

    private static readonly FrozenSet<string> Common = new[] { "and", "the", "for", "with", "model", "models", "our", "my", "to", "in", "of" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>An ambiguous query the router quotes, the question it asks about it, and the words that make it up.</summary>
    private sealed record InferredQuestion(string Query, FrozenSet<string> Words, ClarifyingQuestion Ask);

    /// <summary>
    /// The router's ambiguous query the question only repeats: it shares a word
    /// with the query, and each of its other words tells no sheet apart.
    /// </summary>
    private InferredQuestion? Ambiguous(string question)
    {
        var words = Words(question).Distinct(StringComparer.Ordinal).ToList();
        return _questions.FirstOrDefault(q =>
            words.Exists(q.Words.Contains) && words.TrueForAll(w => q.Words.Contains(w) || !_routingWords.Contains(w)));
    }

    /// <summary>Words that tell the router's sheets apart: found in some passages, but not in most.</summary>
    private static FrozenSet<string> DiscriminatingWords(ImmutableArray<SheetPassage> passages)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            foreach (var word in Words(passage.Text).Distinct(StringComparer.Ordinal))
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        return frequency.Where(f => f.Value * 2 <= passages.Length).Select(f => f.Key).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Clarification sections of a router: a heading that quotes a user's query
    /// ("### Query: "I need to deploy my model""), an "**Ask**: "…"" line
    /// under it and the answers as list items ("- Cloud/server → …").
    /// </summary>
    private static ImmutableArray<InferredQuestion> Questions(MarkdownPack pack)
    {
        var questions = ImmutableArray.CreateBuilder<InferredQuestion>();
        var sections = pack.RouterSections;
        foreach (var section in sections)
        {
            var heading = section.HeadingPath.Split(" > ")[^1];
            if (QuotedText().Match(heading) is not { Success: true } query)
            {
                continue;
            }

            var lines = section.Text.Split('\n');
            var askLine = lines.FirstOrDefault(l => AskLine().IsMatch(l));
            if (askLine is null || QuotedText().Match(askLine) is not { Success: true } ask)
            {
                continue;
            }

            var options = lines.SkipWhile(l => l != askLine).Skip(1)
                .Where(l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains('→', StringComparison.Ordinal))
                .Select(l => l[2..].Split('→', 2))
                .Select(parts => new QuestionChoice(Slug(parts[0]), parts[0].Trim(), parts[1].Trim()))
                .ToList();
            if (options.Count < 2)
            {
                continue;
            }

            questions.Add(new InferredQuestion(
                query.Groups[1].Value,
                Words(query.Groups[1].Value).ToFrozenSet(StringComparer.Ordinal),
                new ClarifyingQuestion(Slug(query.Groups[1].Value), ask.Groups[1].Value, options)));
        }

        return questions.ToImmutable();
    }

    private static IEnumerable<string> Words(string text) =>
        Text.TextNormalizer.Tokenize(text).Select(t => t.Text).Where(w => w.Length > 1);

    private static string Slug(string text) =>
        string.Join('-', Text.TextNormalizer.Tokenize(text).Select(t => t.Text).Take(4));

    [GeneratedRegex("[\"“]([^\"”]{3,160})[\"”]")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"^\s*[*_]*\s*ask\s*[*_]*\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AskLine();

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

    public Decision Match(string question) => Route(question, []);

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
        if (answers.Count == 0 && Ambiguous(question) is { } asked)
        {
            return new Decision(DecisionStatus.Clarify, [], asked.Ask, [], [],
                [new Evidence("question", asked.Ask.Id, $"the question only repeats the router's ambiguous query \"{asked.Query}\""),
                 new Evidence("tree", "ask", "ambiguous: the router asks first")]);
        }

        if (answers.Count > 0)
        {
            question = question + " " + string.Join(' ', answers);
        }

        var questionWords = Words(question).ToHashSet(StringComparer.Ordinal);
        var scenario = _scenarios
            .Where(x => x.Words.Count >= 2 && x.Words.All(questionWords.Contains))
            .OrderByDescending(x => x.Words.Count)
            .FirstOrDefault();
        if (scenario is not null)
        {
            var at = 0;
            var fixedSteps = new List<Step>();
            var fixedHandoffs = new List<Handoff>();
            foreach (var (packId, sheetId) in scenario.Route)
            {
                at++;
                if (packId == _pack.Id && sheetId is not null)
                {
                    fixedSteps.Add(new Step(packId, sheetId, "", $"The router's multi-concern scenario \"{scenario.Text}\", step {at}.", at));
                }
                else
                {
                    fixedHandoffs.Add(new Handoff(packId, sheetId, $"The router's multi-concern scenario \"{scenario.Text}\", step {at}.", at));
                }
            }

            return new Decision(fixedSteps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff, fixedSteps, null, fixedHandoffs, [],
                [new Evidence("rule", "scenario", $"the router's scenario \"{scenario.Text}\" fixes the order"), new Evidence("basis", "markdown", "a scenario table of the pack's router")])
            {
                Confidence = 0.5,
            };
        }

        var ranking = _index.Rank(question);
        var evidence = ranking.Take(3)
            .Select(r => new Evidence("score", r.Sheet is null ? r.Pack : $"{r.Pack}/{r.Sheet}", FormattableString.Invariant($"bm25 {r.Score:0.###} over what the router says about it")))
            .ToList();
        if (ranking.Count == 0)
        {
            evidence.Add(new Evidence("tree", "ask", "no sheet of this pack shares a word with the question"));
            var ask = _packs.Length == 1
                ? new ClarifyingQuestion("sheet", $"Which part of {_pack.Name} is the question about?",
                    [.. _pack.Sheets.Select(s => new QuestionChoice(s.Id, s.Title, $"{_pack.Id}/{s.Id}"))])
                : new ClarifyingQuestion("pack", "Which pack is the question about?",
                    [.. _packs.Select(p => new QuestionChoice(p.Id, p.Description.Length > 0 ? p.Description : p.Name, p.Id))]);
            return new Decision(DecisionStatus.Clarify, [], ask, [], [], evidence);
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

        evidence.Add(new Evidence("basis", "markdown", "ranked over the pack router's own words about each sheet and the packs it hands off to"));
        var status = steps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff;
        return new Decision(status, steps, null, handoffs, [], evidence) { Confidence = 0.5 };
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[a-z0-9]+(?:-[a-z0-9]+)+")]
    private static partial Regex KebabName();
}
