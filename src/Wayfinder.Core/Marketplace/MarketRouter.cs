using System.Collections.Immutable;
using System.Globalization;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Marketplace;

/// <summary>
/// Routes across every pack on disk: first which pack (and skill) a question
/// belongs to, from what each says of itself, its router and its sheets; then
/// the sheets inside that pack, by its own routing manifest when it has one
/// (the built-in pack stands in for its Markdown twin), else by the same
/// fitted weights over what its Markdown says. A question two packs fit about
/// equally asks which; one that no pack's words reach is said to fit none.
/// Built once per set of packs; read-only and thread-safe afterwards.
/// </summary>
public sealed class MarketRouter
{
    private readonly MarketIndex _index;
    private readonly MarketModel _model;
    private readonly Lazy<Router?>?[] _routers;
    private readonly bool[] _claims;
    private readonly Lazy<MarkdownRouter?>?[] _markdown;
    private readonly Dictionary<string, int> _ids;

    /// <summary>
    /// Routes across <paramref name="packs"/>; <paramref name="builtIn"/>, when
    /// given, routes inside the pack it is the twin of.
    /// </summary>
    public MarketRouter(IReadOnlyList<MarkdownPack> packs, Router? builtIn = null, MarketModel? model = null)
        : this(MarketIndex.Build(NotEmpty(packs)), p => packs[p], builtIn, model)
    {
    }

    /// <summary>
    /// Routes across the packs of <paramref name="index"/> (loaded, or read
    /// from the cache as cards); <paramref name="load"/> gives a pack whole,
    /// by its place in the index, the first time its own router is needed
    /// (null when it can no longer be loaded).
    /// </summary>
    internal MarketRouter(MarketIndex index, Func<int, MarkdownPack?> load, Router? builtIn, MarketModel? model)
    {
        _index = index;
        _model = model ?? MarketModel.BuiltIn;
        var count = index.Packs.Length;
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < count; p++)
        {
            _ids.TryAdd(index.Packs[p].Id, p);
        }

        _routers = new Lazy<Router?>?[count];
        _claims = new bool[count];
        _markdown = new Lazy<MarkdownRouter?>?[count];
        var whole = Enumerable.Range(0, count).Select(p => new Lazy<MarkdownPack?>(() => load(p), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
        for (var p = 0; p < count; p++)
        {
            var pack = whole[p];
            if (builtIn is not null && PackIdentity.AnswersTo(index.Packs[p], builtIn.Pack.Id))
            {
                _routers[p] = new Lazy<Router?>(builtIn);
                _claims[p] = !builtIn.Model.Examples.IsEmpty;
            }
            else if (index.HasManifest[p])
            {
                _routers[p] = new Lazy<Router?>(
                    () => pack.Value is { Manifest: { } manifest } full ? new RouterBuilder().UsePack(manifest).UseModel(full.Model).Build() : null,
                    LazyThreadSafetyMode.ExecutionAndPublication);
                _claims[p] = index.HasModel[p];
            }
            else
            {
                _markdown[p] = new Lazy<MarkdownRouter?>(() => pack.Value is { } full ? new MarkdownRouter(full) : null, LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }
    }

    /// <summary>
    /// Opens the packs of <paramref name="marketplaces"/> for routing across,
    /// through <paramref name="cache"/> (null: compile them all, keep
    /// nothing). Null when no pack loads; every load problem is in
    /// <paramref name="diagnostics"/>, and the other packs still load.
    /// </summary>
    public static MarketRouter? Open(IReadOnlyList<string> marketplaces, Router? builtIn, MarketCache? cache, out ImmutableArray<PackDiagnostic> diagnostics, IProgress<string>? progress = null, MarketModel? model = null)
    {
        var load = MarketCache.Load(marketplaces, cache, progress);
        diagnostics = load.Diagnostics;
        FromCache = load.FromCache;
        return load.Index.Packs.IsEmpty ? null : new MarketRouter(load.Index, load.Load, builtIn, model);
    }

    /// <summary>Whether the last <see cref="Open"/> on this thread read its index from the cache (for tests and progress).</summary>
    [ThreadStatic]
    internal static bool FromCache;

    private static IReadOnlyList<MarkdownPack> NotEmpty(IReadOnlyList<MarkdownPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return packs.Count == 0 ? throw new ArgumentException("at least one pack is needed", nameof(packs)) : packs;
    }

    /// <summary>The packs it routes across.</summary>
    public ImmutableArray<MarkdownPack> Packs => _index.Packs;

    /// <summary>The routing pack a Markdown pack's router compiled to when routing inside it (compiled on first use); null for a pack with its own manifest, or none.</summary>
    internal Packs.RoutingPack? CompiledPack(string pack) => Find(pack) is var p and >= 0 ? _markdown[p]?.Value?.Compiled?.Pack : null;

    /// <summary>The weights it routes with.</summary>
    public MarketModel Model => _model;

    /// <summary>
    /// Routes inside the pack named <paramref name="pack"/> alone (as
    /// <c>route --pack</c> does), by its own router or the fitted sheet weights.
    /// </summary>
    /// <exception cref="ArgumentException">No loaded pack answers to the name.</exception>
    public Decision RouteIn(string pack, string question, IReadOnlyList<string> answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        var p = Find(pack);
        if (p < 0)
        {
            throw new ArgumentException($"no loaded pack '{pack}'", nameof(pack));
        }

        return Files(RouteInside(p, question, answers));
    }

    /// <summary>Routes <paramref name="question"/>; an answer that names a pack (to "which pack?") picks it, the rest go to that pack's router.</summary>
    public Decision Route(string question, IReadOnlyList<string> answers)
    {
        QuestionGuard.ThrowIfInvalid(question);
        ArgumentNullException.ThrowIfNull(answers);
        var chosen = answers.Count > 0 ? Find(answers[0]) : -1;
        var rest = chosen >= 0 ? answers.Skip(1).ToList() : answers;
        var scores = Score(question);
        var ranked = Enumerable.Range(0, _index.Packs.Length).OrderByDescending(p => scores.Pack[p]).ThenBy(p => p).ToArray();
        var evidence = new List<Evidence>();
        if (chosen < 0)
        {
            var top = ranked[0];
            var information = Information(scores.Words);
            if (information < _model.MinInformation && !scores.Claimed.Any(d => d is { NoSignal: false }))
            {
                evidence.Add(new Evidence(EvidenceKind.Ask, "none", FormattableString.Invariant($"no pack fits: the question's words that any pack holds weigh {information:0.##} words found in one sheet only (at least {_model.MinInformation:0.##} is needed), and no pack's own router claims it")));
                return new Decision(DecisionStatus.None, [], null, [], [], evidence) { NoSignal = true };
            }

            var close = ranked.TakeWhile(p => scores.Pack[top] - scores.Pack[p] < _model.AskMargin).Take(3).ToList();
            if (close.Count > 1)
            {
                evidence.AddRange(close.Select(p => PackEvidence(scores, p)));
                evidence.Add(new Evidence(EvidenceKind.Ask, "pack", FormattableString.Invariant($"{close.Count} packs fit about equally (within {_model.AskMargin:0.##})")));
                var ask = new ClarifyingQuestion(PackQuestionId, "Which of these is the question about?",
                    [.. close.Select(p => new QuestionChoice(_index.Packs[p].Id, Label(_index.Packs[p]), _index.Packs[p].Id))]);
                return new Decision(DecisionStatus.Clarify, [], ask, [], [], evidence);
            }

            chosen = top;
            evidence.Add(PackEvidence(scores, top));
            if (ranked.Length > 1)
            {
                evidence.Add(PackEvidence(scores, ranked[1], runnerUp: true));
            }
        }
        else
        {
            evidence.Add(new Evidence(EvidenceKind.Answer, _index.Packs[chosen].Id, "the pack was named in the answer"));
        }

        var inPack = InPack(chosen, question, rest, scores);
        return Files(inPack with { Evidence = [.. evidence, .. inPack.Evidence] });
    }

    /// <summary>
    /// What a question's words weigh that some pack holds: the sum of their
    /// idf over every sheet, in words found in one sheet only (so it reads the
    /// same over five sheets and over four hundred).
    /// </summary>
    private double Information(int[] words)
    {
        var sum = 0.0;
        foreach (var word in words)
        {
            sum += _index.Sheets.Idf(word);
        }

        var count = _index.Sheets.Count;
        var oneWord = Math.Log(1 + ((count - 1 + 0.5) / 1.5));
        return oneWord > 0 ? sum / oneWord : 0;
    }

    /// <summary>The pack (by index) a name names, or -1.</summary>
    internal int PackIndex(string name) => Find(name);

    /// <summary>
    /// Names the file of each destination in the evidence (its path relative
    /// to its marketplace), or says it is missing from the loaded packs.
    /// </summary>
    private Decision Files(Decision decision)
    {
        var destinations = decision.Steps.Select(s => (s.Order, s.Pack, Sheet: (string?)s.Sheet))
            .Concat(decision.Handoffs.Select(h => (h.Order, h.Pack, h.Sheet)))
            .OrderBy(d => d.Order)
            .ToList();
        if (destinations.Count == 0)
        {
            return decision;
        }

        var evidence = decision.Evidence.ToList();
        foreach (var (_, pack, sheet) in destinations)
        {
            var key = sheet is null ? pack : $"{pack}/{sheet}";
            var p = Find(pack);
            var found = p < 0 || sheet is null ? null : _index.Packs[p].Sheets.FirstOrDefault(s => s.Id == sheet);
            if (found is not null)
            {
                evidence.Add(new Evidence(EvidenceKind.File, key, found.File));
            }
            else if (p >= 0 && sheet is null)
            {
                evidence.Add(new Evidence(EvidenceKind.File, key, Path.GetDirectoryName(_index.Packs[p].Sheets.FirstOrDefault()?.File ?? "")?.Replace('\\', '/') ?? ""));
            }
            else
            {
                evidence.Add(new Evidence(EvidenceKind.Missing, key, "not among the loaded packs"));
            }
        }

        return decision with { Evidence = evidence };
    }

    /// <summary>Routes inside pack <paramref name="p"/> alone, as <c>route --pack</c> does.</summary>
    internal Decision RouteInside(int p, string question, IReadOnlyList<string>? answers = null)
    {
        QuestionGuard.ThrowIfInvalid(question);
        return InPack(p, question, answers ?? [], Score(question));
    }

    /// <summary>The pack (by index) a name or answer names, or -1.</summary>
    private int Find(string name)
    {
        if (_ids.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var matches = Enumerable.Range(0, _index.Packs.Length).Where(p => PackIdentity.AnswersTo(_index.Packs[p], name)).ToList();
        return matches.Count == 1 ? matches[0] : -1;
    }

    private static string Label(MarkdownPack pack)
    {
        var text = pack.Description.Length > 0 ? pack.Description : pack.PluginDescription.Length > 0 ? pack.PluginDescription : pack.Name;
        return text.Length <= 160 ? text : text[..157] + "...";
    }

    private Evidence PackEvidence(Scores scores, int p, bool runnerUp = false)
    {
        var width = MarketFeatures.PackNames.Length;
        var parts = string.Join(", ", MarketFeatures.PackNames.Select((n, f) => FormattableString.Invariant($"{n} {scores.PackFeatures[(p * width) + f]:0.##}")));
        var what = runnerUp ? "runner-up" : "pack";
        return new Evidence(EvidenceKind.Score, _index.Packs[p].Id, FormattableString.Invariant($"{what} score {scores.Pack[p]:0.###} ({parts})"));
    }

    /// <summary>Routes inside pack <paramref name="p"/>.</summary>
    private Decision InPack(int p, string question, IReadOnlyList<string> answers, Scores scores)
    {
        if (_routers[p]?.Value is { } router)
        {
            var decision = answers.Count == 0 && scores.Claimed[p] is { } claimed ? claimed : router.Route(question, answers);
            return IntoLoadedPacks(decision, question);
        }

        var rules = _markdown[p]?.Value?.RouteByRules(question, answers);
        if (rules is not null && RouterSays(rules, answers) is { } said)
        {
            return IntoLoadedPacks(said, question);
        }

        return Ranked(p, scores, rules);
    }

    /// <summary>
    /// What a pack's Markdown router says that outranks the sheet weights: a
    /// question it says to ask first (one of its own, not the catch-all), a
    /// path the answers given follow, or a hand-off its rules lead with (its
    /// "when not to use"). Null when it says none of these.
    /// </summary>
    private static Decision? RouterSays(Decision rules, IReadOnlyList<string> answers)
    {
        if (rules.NoSignal)
        {
            return null;
        }

        if (rules.Status == DecisionStatus.Clarify)
        {
            return rules.Question?.Id != RouterBuilder.ConcernQuestionId || answers.Count > 0 ? rules : null;
        }

        if (answers.Count > 0)
        {
            return rules;
        }

        return rules.Status == DecisionStatus.Handoff && rules.Basis is DecisionBasis.Rule or DecisionBasis.Path ? rules : null;
    }

    /// <summary>A hand-off to a loaded pack, with no sheet named, gets that pack's best sheet for the question.</summary>
    private Decision IntoLoadedPacks(Decision decision, string question)
    {
        if (!decision.Handoffs.Any(h => h.Sheet is null))
        {
            return decision;
        }

        Scores? scores = null;
        var evidence = decision.Evidence.ToList();
        var handoffs = decision.Handoffs.Select(h =>
        {
            if (h.Sheet is not null || Find(h.Pack) is var q && q < 0 || _routers[q] is not null || _index.Packs[q].Sheets.IsEmpty)
            {
                return h;
            }

            scores ??= Score(question);
            var best = SheetScores(q, scores).OrderByDescending(s => s.Score).ThenBy(s => s.Sheet).First();
            var sheet = _index.Sheet(best.Sheet);
            evidence.Add(new Evidence(EvidenceKind.Score, $"{sheet.Pack}/{sheet.Id}", FormattableString.Invariant($"sheet score {best.Score:0.###} in {sheet.Pack}, the pack handed off to")));
            return h with { Pack = sheet.Pack, Sheet = sheet.Id };
        }).ToList();
        return decision with { Handoffs = handoffs, Evidence = evidence };
    }

    /// <summary>The sheets of a Markdown pack, best first, by the fitted sheet weights.</summary>
    private Decision Ranked(int p, Scores scores, Decision? rules = null)
    {
        var pack = _index.Packs[p];
        var evidence = new List<Evidence>();
        if (pack.Sheets.IsEmpty)
        {
            // A skill with no sheets is read whole: its SKILL.md is the reading.
            evidence.Add(new Evidence(EvidenceKind.Basis, DecisionBasis.Markdown, "the skill has no sheets of its own: its SKILL.md is the reading"));
            return new Decision(DecisionStatus.Handoff, [], null, [new Handoff(pack.Id, null, "The skill's own instructions cover the question.", 1)], [], evidence)
            {
                Confidence = Math.Round(scores.Probability(p), 4),
                Basis = DecisionBasis.Markdown,
            };
        }

        var ranking = SheetScores(p, scores, rules).OrderByDescending(s => s.Score).ThenBy(s => s.Sheet).ToList();
        var best = ranking[0].Score;
        var chosen = ranking.TakeWhile(s => best - s.Score < _model.FollowMargin).Take(3).ToList();
        var width = MarketFeatures.SheetNames.Length;
        var steps = new List<Step>();
        foreach (var (sheetIndex, score, features) in chosen)
        {
            var sheet = _index.Sheet(sheetIndex);
            var parts = string.Join(", ", MarketFeatures.SheetNames.Select((n, f) => FormattableString.Invariant($"{n} {features[f]:0.##}")));
            evidence.Add(new Evidence(EvidenceKind.Score, $"{pack.Id}/{sheet.Id}", FormattableString.Invariant($"sheet score {score:0.###} ({parts})")));
            steps.Add(new Step(pack.Id, sheet.Id, "", string.Create(CultureInfo.InvariantCulture, $"What {sheet.Id} says, and what the router says of it, matches the question (rank {steps.Count + 1})."), steps.Count + 1));
        }

        evidence.Add(new Evidence(EvidenceKind.Basis, DecisionBasis.Markdown, "pack and sheets scored with the fitted market weights over the packs' own text"));
        var sheetProbability = Softmax(ranking.Select(r => r.Score).ToArray())[0];
        return new Decision(DecisionStatus.Routed, steps, null, [], [], evidence)
        {
            Confidence = Math.Round(scores.Probability(p) * sheetProbability, 4),
            Basis = DecisionBasis.Markdown,
        };
    }

    private List<(int Sheet, double Score, double[] Features)> SheetScores(int p, Scores scores, Decision? rules = null)
    {
        var first = _index.FirstSheet[p];
        var count = _index.FirstSheet[p + 1] - first;
        var width = MarketFeatures.SheetNames.Length;
        var pack = _index.Packs[p];
        var features = new double[count * width];
        MarketFeatures.Relative(scores.Sheet.AsSpan(first, count), features, 0, width);
        MarketFeatures.Relative(scores.BestSection.AsSpan(first, count), features, 1, width);
        MarketFeatures.Relative(scores.Passage.AsSpan(first, count), features, 2, width);
        MarketFeatures.Relative(scores.Title.AsSpan(first, count), features, 3, width);
        MarketFeatures.Relative(scores.Opening.AsSpan(first, count), features, 4, width);
        if (_markdown[p]?.Value is { } markdown)
        {
            var decision = rules ?? markdown.RouteByRules(scores.Question, []);
            if (decision is { NoSignal: false, Status: DecisionStatus.Routed })
            {
                foreach (var step in decision.Steps)
                {
                    var at = pack.Sheets.IndexOf(pack.Sheets.FirstOrDefault(s => s.Id == step.Sheet)!);
                    if (at >= 0)
                    {
                        features[(at * width) + MarketFeatures.Rule] = Math.Max(features[(at * width) + MarketFeatures.Rule], step.Order == 1 ? 1 : 0.5);
                    }
                }
            }
        }
        var result = new List<(int, double, double[])>(count);
        for (var i = 0; i < count; i++)
        {
            var row = features.AsSpan(i * width, width).ToArray();
            result.Add((first + i, Dot(_model.Sheet, row), row));
        }

        return result;
    }

    /// <summary>The rows of features of every sheet of pack <paramref name="p"/> for a question, for fitting.</summary>
    internal List<(int Sheet, double Score, double[] Features)> SheetRows(string question, int p) => SheetScores(p, Score(question));

    /// <summary>The rows of features of every pack for a question, for fitting.</summary>
    internal double[] PackRows(string question) => Score(question).PackFeatures;

    internal MarketIndex Index => _index;

    /// <summary>For tuning: the gap between the first two packs' scores under <paramref name="model"/>, and the information of the question's words in the first.</summary>
    internal (double Gap, double Information) Margins(string question, MarketModel model)
    {
        var scores = Score(question);
        var width = MarketFeatures.PackNames.Length;
        var pack = Enumerable.Range(0, _index.Packs.Length).Select(p => Dot(model.Pack, scores.PackFeatures.AsSpan(p * width, width))).ToArray();
        var ranked = Enumerable.Range(0, pack.Length).OrderByDescending(p => pack[p]).ThenBy(p => p).ToArray();
        var gap = ranked.Length > 1 ? pack[ranked[0]] - pack[ranked[1]] : double.PositiveInfinity;
        return (gap, Information(scores.Words));
    }

    private static double Dot(ImmutableArray<double> weights, ReadOnlySpan<double> row)
    {
        var sum = 0.0;
        for (var i = 0; i < row.Length; i++)
        {
            sum += weights[i] * row[i];
        }

        return sum;
    }

    private static double[] Softmax(double[] scores)
    {
        var max = scores.Max();
        var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }

    private Scores Score(string question)
    {
        var words = _index.Vocabulary.Find(question);
        var w = _index.Vocabulary.Weights(question, words, TitleWeight);
        var sheets = Scored(_index.Sheets, words, w);
        var titles = Scored(_index.Titles, words, w);
        var openings = Scored(_index.Openings, words, w);
        var passages = Scored(_index.Passages, words, w);
        // The sections' scores are only read for each sheet's best: a rented buffer, not a new array per question.
        var sections = System.Buffers.ArrayPool<double>.Shared.Rent(_index.Sections.Count);
        Array.Clear(sections, 0, _index.Sections.Count);
        _index.Sections.Score(words, w, sections.AsSpan(0, _index.Sections.Count));
        var descriptions = Scored(_index.Descriptions, words, w);
        var routers = Scored(_index.Routers, words, w);
        var wholes = Scored(_index.Wholes, words, w);
        var bestSection = new double[sheets.Length];
        for (var x = 0; x < _index.Sections.Count; x++)
        {
            var s = _index.SectionSheet[x];
            bestSection[s] = Math.Max(bestSection[s], sections[x]);
        }

        System.Buffers.ArrayPool<double>.Shared.Return(sections);

        var packs = _index.Packs.Length;
        var packSheet = new double[packs];
        var packSection = new double[packs];
        var packPassage = new double[packs];
        for (var s = 0; s < sheets.Length; s++)
        {
            var p = _index.SheetPack[s];
            packSheet[p] = Math.Max(packSheet[p], sheets[s]);
            packSection[p] = Math.Max(packSection[p], bestSection[s]);
            packPassage[p] = Math.Max(packPassage[p], passages[s]);
        }

        var width = MarketFeatures.PackNames.Length;
        var features = new double[packs * width];
        MarketFeatures.Relative(descriptions, features, 0, width);
        MarketFeatures.Relative(routers, features, 1, width);
        MarketFeatures.Relative(packSheet, features, 2, width);
        MarketFeatures.Relative(packSection, features, 3, width);
        MarketFeatures.Relative(packPassage, features, 4, width);
        MarketFeatures.Relative(wholes, features, 5, width);
        var claimed = new Decision?[packs];
        for (var p = 0; p < packs; p++)
        {
            if (!_claims[p] || _routers[p]?.Value is not { } router)
            {
                continue;
            }

            var decision = router.Route(question, []);
            claimed[p] = decision;
            if (Claim(p, decision) is var (target, weight) && target >= 0)
            {
                features[(target * width) + MarketFeatures.Claim] = Math.Max(features[(target * width) + MarketFeatures.Claim], weight);
            }
        }

        var information = 0.0;
        foreach (var word in words)
        {
            information += _index.Sheets.Idf(word);
        }

        var pack = new double[packs];
        for (var p = 0; p < packs; p++)
        {
            var found = 0.0;
            foreach (var word in words)
            {
                if (_index.Holds(p, word))
                {
                    found += _index.Sheets.Idf(word);
                }
            }

            features[(p * width) + MarketFeatures.Coverage] = information > 0 ? found / information : 0;
            features[(p * width) + MarketFeatures.Size] = _index.Size[p];

            // A router's claim reaches only as far as the question's words are its pack's: a fitted
            // router is sure within its own field, and a stray word of that field is not the field.
            features[(p * width) + MarketFeatures.Claim] *= features[(p * width) + MarketFeatures.Coverage] * features[(p * width) + MarketFeatures.Coverage];
            pack[p] = Dot(_model.Pack, features.AsSpan(p * width, width));
        }

        return new Scores(question, words, pack, features, sheets, bestSection, passages, titles, openings, claimed);
    }

    private static double[] Scored(Bm25Index index, int[] words, double[] weights)
    {
        var scores = new double[index.Count];
        index.Score(words, weights, scores);
        return scores;
    }

    /// <summary>
    /// What a pack's own fitted router claims: the pack it routes the question
    /// to first (itself, or the pack it hands off to) and how sure it is; a
    /// question it must ask about first claims it at half; one where it found
    /// nothing, nowhere.
    /// </summary>
    private (int Pack, double Weight) Claim(int p, Decision decision)
    {
        if (decision.NoSignal)
        {
            return (-1, 0);
        }

        if (decision.Status == DecisionStatus.Clarify)
        {
            return (p, ClarifyClaim);
        }

        var first = decision.Steps.Select(s => (s.Order, s.Pack)).Concat(decision.Handoffs.Select(h => (h.Order, h.Pack))).OrderBy(d => d.Order).Select(d => d.Pack).FirstOrDefault();
        return first is null ? (-1, 0) : (Find(first), decision.Confidence);
    }

    /// <summary>The id of the question asked when several packs fit about equally: which pack?</summary>
    public const string PackQuestionId = "pack";

    /// <summary>How much a word of a question's first line (an issue's title) weighs, when more lines follow.</summary>
    internal const double TitleWeight = 2.0;

    /// <summary>How much a pack's router claims a question it must ask about first.</summary>
    internal const double ClarifyClaim = 0.5;

    private sealed record Scores(string Question, int[] Words, double[] Pack, double[] PackFeatures, double[] Sheet, double[] BestSection, double[] Passage, double[] Title, double[] Opening, Decision?[] Claimed)
    {
        public double Probability(int p) => Softmax(Pack)[p];
    }
}
