using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Lexicon;
using Wayfinder.Packs;

namespace Wayfinder.Routing;

/// <summary>What the rules and facets propose: scenario rules, clarifying paths the words walk, routes composed from the facets, background and second reads.</summary>
public sealed partial class Router
{
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
        var room = _options.MaxStepsWithBackground - result.Count(t => t.Pack == Pack.Id);
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
                    evidence.Add(new Evidence(EvidenceKind.Rule, rule.Id, rule.Source));
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
                    evidence.Add(new Evidence(EvidenceKind.Question, ask, $"'{id}': the question's own words answer it"));
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
    /// Adds the pack's second reads to a route composed from the question's
    /// words: a companion follows when the route reaches one of its sheets and
    /// the question carries its signal (a problem reported beside a serving
    /// sheet brings the debugging sheet), up to <see cref="RouterOptions.MaxWithCompanions"/>
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
            if (result.Count >= _options.MaxWithCompanions)
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
            evidence.Add(new Evidence(EvidenceKind.Companion, companion.Add, companion.Why));
        }

        return result;
    }

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

        if (best > 0 && top >= _options.MinLeadWeight && top >= _options.LeadFactor * Math.Max(1, first))
        {
            var lead = sheets[best];
            sheets.RemoveAt(best);
            sheets.Insert(0, lead);
            evidence.Add(new Evidence(EvidenceKind.Weight, lead.Sheet.Id, FormattableString.Invariant($"leads: weight {top:0.#} against {first:0.#} for {sheets[1].Sheet.Id}")));
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
                weight = _options.LexiconShare * score.Score;
                break;
            }
        }

        foreach (var facet in Pack.Facets)
        {
            if (facets.Contains(facet.Id) && !facet.Trailing && facet.Sheets.Contains(sheet.Id) && said.TryGetValue(facet.Id, out var words))
            {
                weight += Math.Min(_options.MaxWordsPerFacet, words.Count);
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
                    evidence.Add(new Evidence(EvidenceKind.Question, facet.Ask, $"'{facet.Id}' alone does not say where to go"));
                    return Outcome.Asking(Pack.QuestionsById[facet.Ask]);
                }

                if (!facet.Alone.IsDefaultOrEmpty)
                {
                    evidence.Add(new Evidence(EvidenceKind.Compose, facet.Id, "a broad need on its own: the whole concern"));
                    return Outcome.Routing(facet.Alone.Select(s => new Target(Pack.Id, s, null)).ToList(), RouteBasis.Alone);
                }
            }

            evidence.Add(new Evidence(EvidenceKind.Question, _fallback.Id, "no concern of this pack could be identified"));
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
            evidence.Add(new Evidence(EvidenceKind.Weight, "task-list", "several tasks in a row: read in execution order"));
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
            evidence.Add(new Evidence(EvidenceKind.Compose, sheet.Id, i < strong ? $"from '{facet}'" : $"from '{facet}', a tool: after the concern's sheets"));
            var why = said.TryGetValue(facet, out var words) ? $"{Quoted(words)}: {sheet.Summary}" : sheet.Summary;
            route.Add(new Target(Pack.Id, sheet.Id, why));
        }

        if (Pack.DualRoute is { } dual && facets.Contains(dual.Facet) && sheets.Count > 0 && !dual.UnlessAny.Any(facets.Contains)
            && dual.ByConcern.TryGetValue(sheets[0].Sheet.ConcernId, out var partner)
            && !handoffs.Exists(h => h.Pack == partner.Pack))
        {
            evidence.Add(new Evidence(EvidenceKind.Rule, "dual-route", $"an LLM question about operations also goes to {partner.Key}"));
            route.Add(partner);
        }

        route.AddRange(handoffs);
        return Outcome.Routing(route, BasisOf(sheets.Count > 0 ? sheets : [], facets, said, lexicon));
    }
}
