using System.Collections.Frozen;
using Wayfinder.Advisories;
using Wayfinder.Clarification;
using Wayfinder.Packs;
using Wayfinder.Lexicon;
using Wayfinder.Scoring;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>
/// Routes questions with one pack. Built by <see cref="RouterBuilder"/>;
/// immutable, so one instance serves any number of threads. Everything a
/// question needs lives in the <see cref="Route"/> call.
/// </summary>
public sealed class Router
{
    private readonly TermMatcher _matcher;

    private readonly Question _fallback;

    private readonly LexiconScorer _lexicon;

    private readonly ModelScorer _scorer;

    internal Router(RoutingPack pack, TermMatcher matcher, Question fallback, RouteModel model)
    {
        Pack = pack;
        _matcher = matcher;
        _fallback = fallback;
        _lexicon = new LexiconScorer(pack);
        _scorer = new ModelScorer(new DestinationSet(pack), model);

        // Where each question leads, worked out once: routing reads it for every question it weighs.
        var reach = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        var branches = new Dictionary<string, List<Branch>>(StringComparer.Ordinal);
        foreach (var question in pack.Questions.Append(fallback).DistinctBy(q => q.Id))
        {
            reach[question.Id] = Mask(Reachable(question));
            branches[question.Id] = [.. question.Options.Select(o => new Branch(o, Mask(Reachable(o))))];
        }

        _reach = reach.ToFrozenDictionary(StringComparer.Ordinal);
        _branches = branches.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<string, bool[]> _reach;

    private readonly FrozenDictionary<string, List<Branch>> _branches;

    /// <summary>The destinations (as the model indexes them) among some keys.</summary>
    private bool[] Mask(HashSet<string> keys)
    {
        var destinations = _scorer.Destinations;
        var mask = new bool[destinations.Count];
        for (var d = 0; d < destinations.Count; d++)
        {
            mask[d] = keys.Contains(destinations.Targets[d].Key);
        }

        return mask;
    }

    /// <summary>The fitted model that weighs the router's signals (an unfitted one when the pack has none).</summary>
    public RouteModel Model => _scorer.Model;

    /// <summary>The pack this router applies.</summary>
    public RoutingPack Pack { get; }

    /// <summary>A router over the built-in ml-production pack.</summary>
    public static Router CreateBuiltIn() => new RouterBuilder().UseBuiltInPack().Build();

    /// <summary>
    /// Routes a question. <paramref name="answers"/> are the answers to the
    /// questions asked so far, in order (answer ids, option numbers or words).
    /// </summary>
    /// <exception cref="InvalidQuestionException">The question is empty or longer than 8 KB.</exception>
    public Decision Route(string question, IReadOnlyList<string>? answers = null)
    {
        // A pipeline over one question's state: its signals, the route or
        // question the rules and facets propose, the model's scores, the ask
        // policy, composition, and the decision.
        var state = Read(question, answers ?? []);
        Propose(state);
        if (state.Answers.Count == 0)
        {
            Span<double> buffer = stackalloc double[_scorer.BufferLength];
            var scores = _scorer.Score(Input(state, state.Tokens, state.Lexicon.Scores, withBroad: true), buffer);
            state.Outcome = state.Outcome.Ask is { } proposed
                ? Settle(state, proposed, scores)
                : Rerank(state.Outcome, scores, state.IsTaskList, state.Evidence);
        }

        Compose(state);
        return Build(state.Named, state.Facets, state.Outcome, state.Evidence);
    }

    /// <summary>What the router's signals say about each destination of a question, before any model weighs them (for fitting).</summary>
    internal ScoringInput InputFor(string question)
    {
        var state = Read(question, []);
        Propose(state);
        return Input(state, state.Tokens, state.Lexicon.Scores, withBroad: true);
    }

    /// <summary>The question's signals: its words, the facets they reveal, what is asked and what is background.</summary>
    private QuestionState Read(string question, IReadOnlyList<string> answers)
    {
        if (QuestionGuard.Check(question) is { } problem)
        {
            throw new InvalidQuestionException(problem);
        }

        var evidence = new List<Evidence>();
        var tokens = TextNormalizer.Tokenize(question);
        var hits = _matcher.Match(tokens);
        var said = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var named = AdvisoryCollector.NamedTiers(Pack, question);
        var background = new HashSet<string>(StringComparer.Ordinal);
        var asks = Focus.AskingSpans(question);
        var focused = Focus.Apply(Pack, asks, hits, background, evidence);
        var facets = FacetsOf(question, tokens, focused, background, said, evidence);
        foreach (var (subject, tier) in named)
        {
            if (tier.Facet is { } facet && facets.Add(facet))
            {
                evidence.Add(new Evidence("term", facet, $"\"{subject}\" ({tier.Tier.Replace("{params} ", "", StringComparison.Ordinal)})"));
            }
        }

        // What is asked decides; what is only background follows it.
        background.IntersectWith(facets);
        var asked = background.Count == 0 ? facets : facets.Where(f => !background.Contains(f)).ToHashSet(StringComparer.Ordinal);
        return new QuestionState(question, answers, tokens, evidence, named, facets, asked, background, said,
            new LazyLexicon(_lexicon, tokens, asks), TaskList.IsTaskList(tokens)) { Hits = focused, Asks = asks };
    }

    /// <summary>
    /// What the rules and facets propose: a scenario rule's route, a path the
    /// question's words (or the caller's answers) walk, a composed route, or a
    /// clarifying question.
    /// </summary>
    private void Propose(QuestionState state)
    {
        var outcome = Decide(state.Asked, state.Said, state.Lexicon, state.IsTaskList, state.Evidence);
        if (outcome.Ask is not null)
        {
            outcome = QuestionWalker.Walk(Pack, _matcher, outcome.Ask, state.Facets, state.Answers, state.Evidence);
        }
        else if (state.Answers.Count > 0)
        {
            state.Evidence.Add(new Evidence("answer", "-", $"{state.Answers.Count} answer(s) not needed: the question routes without asking"));
        }

        state.Outcome = outcome;
    }

    /// <summary>Adds what follows a settled route: the background's sheets, then the pack's second reads.</summary>
    private void Compose(QuestionState state)
    {
        if (state.Outcome.Ask is null && state.Background.Count > 0)
        {
            state.Outcome = state.Outcome with { Route = WithBackground(state.Outcome.Route, state.Background, state.Said) };
        }

        if (state.Outcome is { Ask: null, Composed: true })
        {
            state.Outcome = state.Outcome with { Route = WithCompanions(state.Outcome.Route, state.Facets, state.Evidence) };
        }
    }

    private HashSet<string> FacetsOf(string question, List<Token> tokens, List<TermHit> hits, HashSet<string> background,
        Dictionary<string, List<string>> words, List<Evidence> evidence)
    {
        var facets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in hits)
        {
            if (Negation.IsDismissed(tokens, hit))
            {
                evidence.Add(new Evidence("negated", hit.Facet, $"\"{question.Substring(hit.Start, hit.Length)}\" is said not to be the problem"));
                continue;
            }

            facets.Add(hit.Facet);
            if (!words.TryGetValue(hit.Facet, out var list))
            {
                words[hit.Facet] = list = [];
            }

            var said = question.Substring(hit.Start, hit.Length);
            if (!list.Contains(said, StringComparer.OrdinalIgnoreCase))
            {
                list.Add(said);
            }
        }

        // Evidence in pack order, so that it reads the same on every run.
        foreach (var facet in Pack.Facets)
        {
            if (words.TryGetValue(facet.Id, out var said))
            {
                evidence.Add(new Evidence("term", facet.Id, Quoted(said)));
            }
        }

        // A facet that yields to another present one is set aside; so are the
        // facets a present one suppresses (unless its exceptions are present).
        var present = facets.ToHashSet(StringComparer.Ordinal);
        foreach (var facet in Pack.Facets)
        {
            if (!present.Contains(facet.Id))
            {
                continue;
            }

            // Background never overrides what is asked.
            bool Outranks(string other) => present.Contains(other) && (!background.Contains(other) || background.Contains(facet.Id));
            if (facet.YieldsTo.FirstOrDefault(Outranks) is { } stronger && facets.Remove(facet.Id))
            {
                evidence.Add(new Evidence("suppressed", facet.Id, $"set aside: yields to '{stronger}'"));
            }

            if (facet.Suppresses.IsDefaultOrEmpty || facet.UnlessAny.Any(present.Contains))
            {
                continue;
            }

            foreach (var suppressed in facet.Suppresses)
            {
                if ((!background.Contains(facet.Id) || background.Contains(suppressed)) && facets.Remove(suppressed))
                {
                    evidence.Add(new Evidence("suppressed", suppressed, $"set aside: '{facet.Id}' decides it"));
                }
            }
        }

        return facets;
    }

    /// <summary>How many sheets of this pack a route may reach once background sheets are added.</summary>
    private const int MaxStepsWithBackground = 2;

    /// <summary>Appends the sheets of background facets after the route, in stage order.</summary>
    private List<Target> WithBackground(IReadOnlyList<Target> route, HashSet<string> background, Dictionary<string, List<string>> said)
    {
        var result = route.ToList();
        var extra = new List<(int Stage, Target Target)>();
        foreach (var facet in Pack.Facets)
        {
            if (!background.Contains(facet.Id) || facet.Trailing)
            {
                // A tool named in passing adds nothing.
                continue;
            }

            foreach (var id in facet.Sheets)
            {
                if (!HasTarget(result, Pack.Id, id) && !extra.Exists(e => e.Target.Sheet == id))
                {
                    var why = $"Background: {Quoted(said[facet.Id])}. {Pack.SheetsById[id].Summary}";
                    extra.Add((Pack.SheetsById[id].Stage, new Target(Pack.Id, id, why)));
                }
            }

        }

        // Background only fills the route up to three sheets of this pack;
        // another pack named in passing is not a reason to hand off.
        var room = MaxStepsWithBackground - result.Count(t => t.Pack == Pack.Id);
        result.AddRange(extra.OrderBy(e => e.Stage).Take(Math.Max(0, room)).Select(e => e.Target));
        return result;
    }

    private static string Quoted(List<string> said)
    {
        if (said.Count == 1)
        {
            return string.Concat("\"", said[0], "\"");
        }

        var text = new System.Text.StringBuilder();
        foreach (var s in said)
        {
            text.Append(text.Length == 0 ? "\"" : ", \"").Append(s).Append('"');
        }

        return text.ToString();
    }

    private static bool HasSheet(List<(Sheet Sheet, string Facet)> list, string id)
    {
        foreach (var (sheet, _) in list)
        {
            if (sheet.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOtherConcern(List<(Sheet Sheet, string Facet)> list)
    {
        foreach (var (sheet, _) in list)
        {
            if (sheet.ConcernId != list[0].Sheet.ConcernId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasConcern(List<(Sheet Sheet, string Facet)> list, string concern)
    {
        foreach (var (sheet, _) in list)
        {
            if (sheet.ConcernId == concern)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTarget(IReadOnlyList<Target> route, string pack, string? sheet)
    {
        foreach (var target in route)
        {
            if (target.Pack == pack && target.Sheet == sheet)
            {
                return true;
            }
        }

        return false;
    }

    private bool HasOwn(IReadOnlyList<Target> route)
    {
        foreach (var target in route)
        {
            if (target.Pack == Pack.Id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the route reaches one of these sheets of this pack.</summary>
    private bool ReachesAny(IReadOnlyList<Target> route, System.Collections.Immutable.ImmutableArray<string> sheets)
    {
        foreach (var target in route)
        {
            if (target.Pack == Pack.Id && target.Sheet is { } sheet && sheets.Contains(sheet))
            {
                return true;
            }
        }

        return false;
    }

    private Outcome Decide(HashSet<string> facets, Dictionary<string, List<string>> said, LazyLexicon lexicon, bool taskList, List<Evidence> evidence)
    {
        foreach (var rule in Pack.Rules)
        {
            foreach (var condition in rule.When)
            {
                if (condition.Matches(facets))
                {
                    evidence.Add(new Evidence("rule", rule.Id, rule.Source));
                    return Outcome.Routing(rule.Route, RouteBasis.Rule);
                }
            }
        }

        // A broad need whose clarifying questions the question's own words
        // answer all the way follows that path (the specification's own route).
        foreach (var id in Pack.AskOrder)
        {
            if (facets.Contains(id) && Pack.FacetsById[id].Ask is { } ask)
            {
                var trail = new List<Evidence>();
                var walked = QuestionWalker.Walk(Pack, _matcher, Pack.QuestionsById[ask], facets, [], trail);
                if (walked.Ask is null && !IgnoresNamedSheet(facets, walked.Route))
                {
                    evidence.Add(new Evidence("question", ask, $"'{id}': the question's own words answer it"));
                    evidence.AddRange(trail);
                    return walked;
                }
            }
        }

        return Compose(facets, said, taskList ? LazyLexicon.None : lexicon, taskList, evidence);
    }

    /// <summary>
    /// Whether a walked route leaves out a sheet the question names
    /// specifically ("SLO alerts on p99 latency" is monitoring: the words that
    /// answer the slow-inference questions do not make it a latency question).
    /// </summary>
    private bool IgnoresNamedSheet(HashSet<string> facets, IReadOnlyList<Target> route)
    {
        foreach (var facet in Pack.Facets)
        {
            if (facets.Contains(facet.Id) && !facet.Trailing && facet.Ask is null && !facet.Sheets.IsDefaultOrEmpty
                && !Pack.AskOrder.Contains(facet.Id)
                && !facet.Sheets.Any(s => route.Any(t => t.Pack == Pack.Id && t.Sheet == s)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every destination an answer leads to, through the questions it leads on to.</summary>
    private HashSet<string> Reachable(QuestionOption option)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in option.Route)
        {
            keys.Add(target.Key);
            keys.Add(target.Pack);
        }

        if (option.Next is { } next && Pack.QuestionsById.TryGetValue(next, out var follow))
        {
            keys.UnionWith(Reachable(follow));
        }

        return keys;
    }

    /// <summary>
    /// Every destination some path through <paramref name="question"/> leads
    /// to (a sister pack also by its own key): the model may settle a
    /// question only inside what it asks about ("observability for a
    /// forecasting model" still asks which way to look, it does not become an
    /// architecture question). The catch-all question reaches everything.
    /// </summary>
    private HashSet<string> Reachable(Question question)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Question>();
        pending.Push(question);
        while (pending.Count > 0)
        {
            var q = pending.Pop();
            if (!seen.Add(q.Id))
            {
                continue;
            }

            foreach (var option in q.Options)
            {
                foreach (var target in option.Route)
                {
                    keys.Add(target.Key);
                    keys.Add(target.Pack);
                }

                if (option.Next is { } next && Pack.QuestionsById.TryGetValue(next, out var follow))
                {
                    pending.Push(follow);
                }
            }
        }

        if (question.Id == _fallback.Id)
        {
            // Nothing was identified at all: any destination the pack knows.
            foreach (var sheet in Pack.Sheets)
            {
                keys.Add($"{Pack.Id}/{sheet.Id}");
            }

            foreach (var sister in Pack.SisterPacks)
            {
                keys.Add(sister.Id);
            }
        }

        return keys;
    }

    /// <summary>
    /// What the router's signals say about each destination, for the model to
    /// weigh: the route the rules and facets propose, the destinations of the
    /// question they would ask, and the words of <paramref name="tokens"/>;
    /// without <paramref name="withBroad"/>, the broad needs' words (those that
    /// raise clarifying questions) count for nothing.
    /// </summary>
    private ScoringInput Input(QuestionState state, List<Token> tokens, List<LexiconScore> lexicon, bool withBroad)
    {
        var outcome = state.Outcome;
        var destinations = _scorer.Destinations;
        var input = new ScoringInput(destinations.Count, tokens.Count);
        foreach (var token in tokens)
        {
            if (ContentWords.IsContent(token.Text))
            {
                input.Words.Add(token.Text);
            }
        }

        if (outcome.Ask is null)
        {
            for (var i = 0; i < outcome.Route.Count; i++)
            {
                var d = destinations.IndexOf(outcome.Route[i]);
                if (d < 0 || d == input.RouteFirst || input.RouteLater.Contains(d))
                {
                    continue;
                }

                if (input.RouteFirst < 0)
                {
                    input.RouteFirst = d;
                }
                else
                {
                    input.RouteLater.Add(d);
                }
            }

            input.Basis = outcome.Basis;
        }
        else if (outcome.Ask.Id != _fallback.Id)
        {
            _reach[outcome.Ask.Id].CopyTo(input.InQuestion, 0);
        }

        foreach (var facet in Pack.Facets)
        {
            if (!state.Asked.Contains(facet.Id) || !state.Said.TryGetValue(facet.Id, out var words) || (!withBroad && (IsBroad(facet) || facet.Context)))
            {
                continue;
            }

            var count = Math.Min(MaxWordsPerFacet, words.Count);
            foreach (var sheet in facet.Sheets)
            {
                input.Terms[destinations.IndexOfSheet(sheet)] += count;
            }

            foreach (var handoff in facet.Handoffs)
            {
                if (destinations.IndexOf(handoff) is var d and >= 0)
                {
                    input.Terms[d] += count;
                }
            }
        }

        foreach (var score in lexicon)
        {
            if (destinations.IndexOf(score.Destination) is var d and >= 0)
            {
                input.Lexicon[d] += score.Score;
            }
        }

        return input;
    }

    /// <summary>A facet that raises a clarifying question or stands for a broad need.</summary>
    private bool IsBroad(Facet facet) => facet.Ask is not null || Pack.AskOrder.Contains(facet.Id);

    /// <summary>
    /// Hands a proposed question to the ask policy, with the model's reading of
    /// the whole question and of its context: the question with the words that
    /// raised the proposal (the broad needs' words) left out.
    /// </summary>
    private Outcome Settle(QuestionState state, Question proposed, DestinationScores full)
    {
        scoped var context = full;
        var raisedBy = "";
        Span<double> buffer = stackalloc double[_scorer.BufferLength];
        if (proposed.Id != _fallback.Id)
        {
            var text = state.Question.ToCharArray();
            var words = new List<string>();
            foreach (var hit in state.Hits)
            {
                // A setting alone ("on GPU", "in FP16") answers no broad need's question either.
                if (IsBroad(Pack.FacetsById[hit.Facet]) || Pack.FacetsById[hit.Facet].Context)
                {
                    Array.Fill(text, ' ', hit.Start, hit.Length);
                    var said = $"\"{state.Question.Substring(hit.Start, hit.Length)}\"";
                    if (!words.Contains(said))
                    {
                        words.Add(said);
                    }
                }
            }

            var rest = new string(text);
            var tokens = TextNormalizer.Tokenize(rest);
            context = _scorer.Score(Input(state, tokens, _lexicon.Score(tokens, state.Asks), withBroad: false), buffer);
            raisedBy = string.Join(", ", words);
        }

        return AskPolicy.Settle(proposed, raisedBy, Branches, Pack.QuestionsById, full, context, Model.Ask, state.Evidence);
    }

    /// <summary>Each answer of a clarifying question with the destinations it leads to.</summary>
    private List<Branch> Branches(Question question) => _branches[question.Id];

    /// <summary>
    /// The model's first destination leads a route the rules and facets
    /// composed when it is not already their first: the rest of their route
    /// follows it, in their order.
    /// </summary>
    private Outcome Rerank(Outcome outcome, DestinationScores scores, bool isTaskList, List<Evidence> evidence)
    {
        var destinations = _scorer.Destinations;
        var top = scores.Best();
        var first = outcome.Route.Count > 0 ? destinations.IndexOf(outcome.Route[0]) : -1;
        var p = scores.Probabilities;
        // A list of tasks is read in execution order, as the rules composed
        // it; otherwise the model's first destination goes in front when it
        // leads their first by the override margin.
        var found = false;
        foreach (var target in outcome.Route)
        {
            found |= destinations.IndexOf(target) == top;
        }

        var margin = outcome.Basis is RouteBasis.Rule or RouteBasis.Path ? Model.Ask.OverrideFixed : Model.Ask.Override;
        if ((found && isTaskList) || (first >= 0 && p[top] - p[first] < margin))
        {
            return outcome with { Probability = first >= 0 ? p[first] : 0 };
        }

        var route = new List<Target>(outcome.Route.Count + 1) { destinations.Targets[top] };
        evidence.Add(new Evidence("score", destinations.Keys[top], scores.Explain(top)));
        foreach (var target in outcome.Route)
        {
            if (destinations.IndexOf(target) != top)
            {
                route.Add(target);
            }
        }

        evidence.Add(new Evidence("score", "route", FormattableString.Invariant(
            $"the model puts {destinations.Keys[top]} before the composed route: it leads {(first >= 0 ? destinations.Keys[first] : "it")} by {p[top] - (first >= 0 ? p[first] : 0):0.00}, at least the override margin {margin:0.00}")));
        return Outcome.Routing(route, RouteBasis.Model) with { Probability = scores.Probabilities[top] };
    }

    /// <summary>How many destinations a composed route may reach with companions added.</summary>
    internal const int MaxWithCompanions = 3;

    /// <summary>
    /// Adds the pack's second reads to a route composed from the question's
    /// words: a companion follows when the route reaches one of its sheets and
    /// the question carries its signal (a problem reported beside a serving
    /// sheet brings the debugging sheet), up to <see cref="MaxWithCompanions"/>
    /// destinations. A hand-off stays a hand-off.
    /// </summary>
    private List<Target> WithCompanions(IReadOnlyList<Target> route, HashSet<string> facets, List<Evidence> evidence)
    {
        var result = route.ToList();
        if (!HasOwn(result))
        {
            return result;
        }

        foreach (var companion in Pack.Companions)
        {
            if (result.Count >= MaxWithCompanions)
            {
                break;
            }

            if (HasTarget(result, Pack.Id, companion.Add)
                || !ReachesAny(route, companion.After)
                || !companion.When.Matches(facets))
            {
                continue;
            }

            result.Add(new Target(Pack.Id, companion.Add, $"{companion.Why} {Pack.SheetsById[companion.Add].Summary}"));
            evidence.Add(new Evidence("companion", companion.Add, companion.Why));
        }

        return result;
    }

    /// <summary>What a lexicon point counts for in a sheet's weight, against one facet word.</summary>
    internal const double LexiconShare = 0.5;

    /// <summary>How many of a facet's words count towards a sheet's weight.</summary>
    private const int MaxWordsPerFacet = 3;

    /// <summary>How many times the stage-first sheet's weight another must reach to lead.</summary>
    private const int LeadFactor = 2;

    /// <summary>
    /// The least weight that can lead against stage order: two words against one
    /// is an ordinary two-part request ("drift alerts, and also prune it"), read in stage order.
    /// </summary>
    private const int MinLeadWeight = 3;

    /// <summary>
    /// Stage order reads several concerns in execution order; but when one
    /// sheet carries far more of the question's words than the stage-first
    /// one (five monitoring words against "serving" in passing), the question
    /// is about that sheet and it leads. The others keep their stage order.
    /// </summary>
    private void LeadByWeight(List<(Sheet Sheet, string Facet)> sheets, HashSet<string> facets, Dictionary<string, List<string>> said,
        LazyLexicon lexicon, List<Evidence> evidence)
    {
        if (sheets.Count < 2)
        {
            return;
        }

        var first = SheetWeight(sheets[0].Sheet, facets, said, lexicon);
        var (best, top) = (0, first);
        for (var i = 1; i < sheets.Count; i++)
        {
            var weight = SheetWeight(sheets[i].Sheet, facets, said, lexicon);
            if (weight > top)
            {
                (best, top) = (i, weight);
            }
        }

        if (best > 0 && top >= MinLeadWeight && top >= LeadFactor * Math.Max(1, first))
        {
            var lead = sheets[best];
            sheets.RemoveAt(best);
            sheets.Insert(0, lead);
            evidence.Add(new Evidence("weight", lead.Sheet.Id, FormattableString.Invariant($"leads: weight {top:0.#} against {first:0.#} for {sheets[1].Sheet.Id}")));
        }
    }

    /// <summary>A sheet's weight: its facets' words (at most three each) and a share of its lexicon score.</summary>
    private double SheetWeight(Sheet sheet, HashSet<string> facets, Dictionary<string, List<string>> said, LazyLexicon lexicon)
    {
        var weight = 0.0;
        foreach (var score in lexicon.Scores)
        {
            if (score.Destination.Sheet == sheet.Id && score.Destination.Pack == Pack.Id)
            {
                weight = LexiconShare * score.Score;
                break;
            }
        }

        foreach (var facet in Pack.Facets)
        {
            if (facets.Contains(facet.Id) && !facet.Trailing && facet.Sheets.Contains(sheet.Id) && said.TryGetValue(facet.Id, out var words))
            {
                weight += Math.Min(MaxWordsPerFacet, words.Count);
            }
        }

        return weight;
    }

    /// <summary>
    /// How clear a composed route is: close when a sheet of another concern
    /// weighs at least half as much as the first one.
    /// </summary>
    private string BasisOf(List<(Sheet Sheet, string Facet)> sheets, HashSet<string> facets, Dictionary<string, List<string>> said, LazyLexicon lexicon)
    {
        if (sheets.Count == 0)
        {
            return RouteBasis.Handoff;
        }

        if (!HasOtherConcern(sheets))
        {
            return RouteBasis.Clear;
        }

        var first = SheetWeight(sheets[0].Sheet, facets, said, lexicon);
        var other = 0.0;
        for (var i = 1; i < sheets.Count; i++)
        {
            if (sheets[i].Sheet.ConcernId != sheets[0].Sheet.ConcernId)
            {
                other = Math.Max(other, SheetWeight(sheets[i].Sheet, facets, said, lexicon));
            }
        }

        return other > 0 && other * 2 >= first ? RouteBasis.Close : RouteBasis.Clear;
    }

    /// <summary>
    /// The general case: the sheets the facets point at, in stage order, tool
    /// sheets after concern sheets, hand-offs after both; a broad need alone
    /// asks its question.
    /// </summary>
    private Outcome Compose(HashSet<string> facets, Dictionary<string, List<string>> said, LazyLexicon lexicon, bool taskList, List<Evidence> evidence)
    {
        var sheets = new List<(Sheet Sheet, string Facet)>();
        var trailing = new List<(Sheet Sheet, string Facet)>();
        var handoffs = new List<Target>();
        foreach (var facet in Pack.Facets)
        {
            if (!facets.Contains(facet.Id))
            {
                continue;
            }

            foreach (var id in facet.Sheets)
            {
                var list = facet.Trailing ? trailing : sheets;
                if (!HasSheet(list, id))
                {
                    list.Add((Pack.SheetsById[id], facet.Id));
                }
            }

            foreach (var target in facet.Handoffs)
            {
                if (!HasTarget(handoffs, target.Pack, target.Sheet))
                {
                    handoffs.Add(target);
                }
            }
        }

        // A tool's name leads only when nothing else is named; beside a
        // hand-off it is the other pack's context, not ours.
        // Setting alone ("on GPU", "in FP16") does not answer a broad need's question.
        var onlySetting = trailing.TrueForAll(t => Pack.FacetsById[t.Facet].Context)
            && Pack.AskOrder.Any(id => facets.Contains(id) && Pack.FacetsById[id].Ask is not null);
        if (sheets.Count == 0 && handoffs.Count == 0 && !onlySetting)
        {
            sheets.AddRange(trailing);
            trailing.Clear();
        }

        // Two or more broad needs together (optimize and deploy) are composed
        // from their default sheets; one alone asks.
        var broadWithDefaults = Pack.AskOrder.Count(id => facets.Contains(id) && !Pack.FacetsById[id].Default.IsDefaultOrEmpty);
        if (sheets.Count == 0 && handoffs.Count == 0 && broadWithDefaults < 2)
        {
            foreach (var id in Pack.AskOrder)
            {
                if (!facets.Contains(id))
                {
                    continue;
                }

                var facet = Pack.FacetsById[id];
                if (facet.Ask is not null)
                {
                    evidence.Add(new Evidence("question", facet.Ask, $"'{facet.Id}' alone does not say where to go"));
                    return Outcome.Asking(Pack.QuestionsById[facet.Ask]);
                }

                if (!facet.Alone.IsDefaultOrEmpty)
                {
                    evidence.Add(new Evidence("compose", facet.Id, "a broad need on its own: the whole concern"));
                    return Outcome.Routing(facet.Alone.Select(s => new Target(Pack.Id, s, null)).ToList(), RouteBasis.Alone);
                }
            }

            evidence.Add(new Evidence("question", _fallback.Id, "no concern of this pack could be identified"));
            return Outcome.Asking(_fallback);
        }

        // Broad needs whose concern nothing more specific covers add their default sheets.
        foreach (var id in Pack.AskOrder)
        {
            if (facets.Contains(id) && Pack.FacetsById[id] is { ConcernId: { } concern, Default.IsDefaultOrEmpty: false } facet
                && !HasConcern(sheets, concern))
            {
                foreach (var sheet in facet.Default)
                {
                    if (!HasSheet(sheets, sheet))
                    {
                        sheets.Add((Pack.SheetsById[sheet], facet.Id));
                    }
                }
            }
        }

        sheets.Sort((a, b) => a.Sheet.Stage.CompareTo(b.Sheet.Stage));
        trailing.Sort((a, b) => a.Sheet.Stage.CompareTo(b.Sheet.Stage));
        if (taskList)
        {
            evidence.Add(new Evidence("weight", "task-list", "several tasks in a row: read in execution order"));
        }
        else
        {
            LeadByWeight(sheets, facets, said, lexicon, evidence);
        }
        var strong = sheets.Count;
        foreach (var (sheet, facet) in strong > 0 ? trailing : [])
        {
            if (!HasSheet(sheets, sheet.Id))
            {
                sheets.Add((sheet, facet));
            }
        }

        var route = new List<Target>(sheets.Count + handoffs.Count + 1);
        for (var i = 0; i < sheets.Count; i++)
        {
            var (sheet, facet) = sheets[i];
            evidence.Add(new Evidence("compose", sheet.Id, i < strong ? $"from '{facet}'" : $"from '{facet}', a tool: after the concern's sheets"));
            var why = said.TryGetValue(facet, out var words) ? $"{Quoted(words)}: {sheet.Summary}" : sheet.Summary;
            route.Add(new Target(Pack.Id, sheet.Id, why));
        }

        if (Pack.DualRoute is { } dual && facets.Contains(dual.Facet) && sheets.Count > 0 && !dual.UnlessAny.Any(facets.Contains)
            && dual.ByConcern.TryGetValue(sheets[0].Sheet.ConcernId, out var partner)
            && !handoffs.Exists(h => h.Pack == partner.Pack))
        {
            evidence.Add(new Evidence("rule", "dual-route", $"an LLM question about operations also goes to {partner.Key}"));
            route.Add(partner);
        }

        route.AddRange(handoffs);
        return Outcome.Routing(route, BasisOf(sheets.Count > 0 ? sheets : [], facets, said, lexicon));
    }

    private Decision Build(List<(string Subject, CapabilityTier Tier)> named, HashSet<string> facets, Outcome outcome, List<Evidence> evidence)
    {
        var steps = new List<Step>();
        var handoffs = new List<Handoff>();
        ClarifyingQuestion? ask = null;
        string status;
        if (outcome.Ask is { } q)
        {
            status = DecisionStatus.Clarify;
            ask = new ClarifyingQuestion(q.Id, q.Text,
                q.Options.Select(o => new QuestionChoice(o.Answer, o.Label, QuestionWalker.LeadsTo(o))).ToList());
            evidence.Add(new Evidence("tree", "ask", "ambiguous: ask one question before routing"));
        }
        else
        {
            var order = 0;
            foreach (var target in outcome.Route)
            {
                order++;
                if (target.Pack == Pack.Id && target.Sheet is { } sheetId)
                {
                    var sheet = Pack.SheetsById[sheetId];
                    steps.Add(new Step(Pack.Id, sheetId, sheet.ConcernId, target.Why ?? sheet.Summary, order));
                }
                else
                {
                    handoffs.Add(new Handoff(target.Pack, target.Sheet, target.Why ?? DescribeSister(target), order));
                }
            }

            status = steps.Count > 0 ? DecisionStatus.Routed : DecisionStatus.Handoff;
            evidence.Add(TreeBranch(steps, handoffs));
            evidence.Add(new Evidence("basis", outcome.Basis, BasisText(outcome.Basis)));
        }

        var advisories = AdvisoryCollector.Collect(Pack, named, facets, steps, handoffs);
        var confidence = outcome.Ask is not null ? 0
            : outcome.Basis == RouteBasis.Model ? Math.Round(outcome.Probability, 2)
            : Pack.Confidence.GetValueOrDefault(outcome.Basis);
        return new Decision(status, steps, ask, handoffs, advisories, evidence) { Confidence = confidence, UnmatchedAnswer = outcome.Unmatched };
    }

    private static string BasisText(string basis) => basis switch
    {
        RouteBasis.Rule => "a scenario rule of the specification fixed the route",
        RouteBasis.Path => "a clarifying path, answered, fixed the route",
        RouteBasis.Alone => "a broad need on its own: the whole concern",
        RouteBasis.Clear => "composed from the question's words; one concern clearly first",
        RouteBasis.Close => "composed from the question's words; another concern is nearly as strong",
        RouteBasis.Handoff => "composed from the question's words; other packs only",
        RouteBasis.Lexicon => "the field's words settled what the facets left open",
        RouteBasis.Model => "the fitted model chose the first destination from the question's evidence",
        _ => basis,
    };

    private string DescribeSister(Target target)
    {
        if (!Pack.SisterPacksById.TryGetValue(target.Pack, out var sister))
        {
            return target.Key;
        }

        var sheet = target.Sheet is null ? null : sister.Sheets.FirstOrDefault(s => s.Id == target.Sheet);
        return sheet?.Summary ?? sister.Owns;
    }

    private Evidence TreeBranch(List<Step> steps, List<Handoff> handoffs)
    {
        if (steps.Count == 0)
        {
            return new Evidence("tree", "handoff", $"outside this pack: {string.Join(", ", handoffs.Select(h => h.Pack).Distinct())}");
        }

        var concern = Pack.ConcernsById[steps[0].Concern];
        var branch = Pack.Concerns.IndexOf(concern) + 1;
        return new Evidence("tree", concern.Id, $"branch {branch}: {concern.Title} ({concern.Summary})");
    }
}
