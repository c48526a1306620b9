using System.Collections.Frozen;
using Wayfinder.Advisories;
using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Lexicon;
using Wayfinder.Packs;
using Wayfinder.Scoring;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>
/// Routes questions with one pack. Built by <see cref="RouterBuilder"/>;
/// immutable, so one instance serves any number of threads. Everything a
/// question needs lives in the <see cref="Route"/> call.
/// </summary>
public sealed partial class Router
{
    private readonly TermMatcher _matcher;

    private readonly Question _fallback;

    private readonly LexiconScorer _lexicon;

    private readonly ModelScorer _scorer;

    private readonly RouterOptions _options;

    internal Router(RoutingPack pack, TermMatcher matcher, Question fallback, RouteModel model, RouterOptions options)
    {
        Pack = pack;
        _options = options;
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

    /// <summary>The same router with other decision settings: everything built is shared (fitting tries many settings).</summary>
    private Router(Router router, AskSettings ask)
    {
        Pack = router.Pack;
        _options = router._options;
        _matcher = router._matcher;
        _fallback = router._fallback;
        _lexicon = router._lexicon;
        _scorer = router._scorer;
        _reach = router._reach;
        _branches = router._branches;
        _ask = ask;
    }

    /// <summary>This router deciding with other ask and override settings.</summary>
    internal Router WithAsk(AskSettings ask) => new(this, ask);

    private readonly FrozenDictionary<string, bool[]> _reach;

    private readonly FrozenDictionary<string, List<Branch>> _branches;

    private readonly AskSettings? _ask;

    /// <summary>The decision settings in force: the model's, unless <see cref="WithAsk"/> gave others.</summary>
    private AskSettings Ask => _ask ?? Model.Ask;

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
    /// <exception cref="WayfinderError">The question is empty or longer than 8 KB.</exception>
    public Decision Route(string question, IReadOnlyList<string>? answers = null)
    {
        // A pipeline over one question's state: its signals, the route or
        // question the rules and facets propose, the model's scores, the ask
        // policy, composition, and the decision.
        var state = Read(question, answers ?? []);
        Propose(state);
        Span<double> buffer = stackalloc double[_scorer.BufferLength];
        var scores = _scorer.Score(Input(state, state.Tokens, state.Lexicon.Scores, withBroad: true), buffer);
        if (state.Answers.Count == 0)
        {
            // Answers passed back settle a question as the caller chose; the model weighs only what the question says.
            state.Outcome = state.Outcome.Ask is { } proposed
                ? Settle(state, proposed, scores)
                : Rerank(state.Outcome, scores, state.IsTaskList, state.Evidence);
        }

        Compose(state);
        return Build(state.Named, state.Facets, state.Outcome, state.Evidence) with { NoSignal = state.Facets.Count == 0 && !scores.Found };
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
            throw new WayfinderError(QuestionGuard.KindOf(question), problem);
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
                evidence.Add(new Evidence(EvidenceKind.Term, facet, $"\"{subject}\" ({tier.Tier.Replace("{params} ", "", StringComparison.Ordinal)})"));
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
            state.Evidence.Add(new Evidence(EvidenceKind.Answer, "-", $"{state.Answers.Count} answer(s) not needed: the question routes without asking"));
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
}
