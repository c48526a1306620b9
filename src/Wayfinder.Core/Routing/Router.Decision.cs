using Wayfinder.Advisories;
using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Packs;

namespace Wayfinder.Routing;

/// <summary>The decision as the contract writes it: steps, hand-offs, the question, advisories, confidence and basis.</summary>
public sealed partial class Router
{
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
                q.Options.Select(o => new QuestionChoice(o.Answer, o.Label, QuestionWalker.LeadsTo(o))).ToList())
            {
                Leaning = [.. outcome.Leaning ?? []],
            };
            evidence.Add(new Evidence(EvidenceKind.Tree, "ask", "ambiguous: ask one question before routing"));
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
            evidence.Add(new Evidence(EvidenceKind.Basis, outcome.Basis, BasisText(outcome.Basis)));
        }

        var advisories = AdvisoryCollector.Collect(Pack, named, facets, steps, handoffs);
        var confidence = outcome.Ask is not null ? 0
            : outcome.Basis == RouteBasis.Model ? Math.Round(outcome.Probability, 2)
            : Pack.Confidence.GetValueOrDefault(outcome.Basis);
        return new Decision(status, steps, ask, handoffs, advisories, evidence)
        {
            Confidence = confidence,
            UnmatchedAnswer = outcome.Unmatched,
            Basis = outcome.Ask is null ? outcome.Basis : null,
        };
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
            return new Evidence(EvidenceKind.Tree, "handoff", $"outside this pack: {string.Join(", ", handoffs.Select(h => h.Pack).Distinct())}");
        }

        var concern = Pack.ConcernsById[steps[0].Concern];
        var branch = Pack.Concerns.IndexOf(concern) + 1;
        return new Evidence(EvidenceKind.Tree, concern.Id, $"branch {branch}: {concern.Title} ({concern.Summary})");
    }
}
