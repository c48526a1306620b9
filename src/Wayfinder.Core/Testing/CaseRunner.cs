using System.Collections.Immutable;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Marketplace;

namespace Wayfinder.Testing;

/// <summary>
/// Runs routing cases against the packs of one <see cref="MarketRouter"/>:
/// <list type="bullet">
/// <item>a gold case of a pack's own file is routed inside that pack
/// (<see cref="MarketRouter.RouteIn"/>), and a bare sheet id in its
/// <c>accept_first</c> is that pack's sheet;</item>
/// <item>a gold case of a file that belongs to no one pack is routed across
/// every loaded pack (<see cref="MarketRouter.Route"/>), and names
/// <c>pack/sheet</c>;</item>
/// <item>a trigger query is routed across every loaded pack, and passes when
/// whether its pack is the one chosen is what <c>should_trigger</c> says.</item>
/// </list>
/// Right and wrong are judged as <c>wayfinder eval</c> and score.py judge
/// them (<see cref="Scorer.Right"/>). The router is shared and never changed,
/// so every case is routed side by side; results keep the files' order.
/// </summary>
public sealed class CaseRunner
{
    private readonly MarketRouter _market;

    /// <summary>A runner that routes every case with <paramref name="market"/>.</summary>
    /// <param name="market">The router across the packs the cases belong to.</param>
    public CaseRunner(MarketRouter market)
    {
        ArgumentNullException.ThrowIfNull(market);
        _market = market;
    }

    /// <summary>Every loaded pack's own case files, pack by pack in the order they loaded.</summary>
    public TestRun RunOwn() =>
        Run([.. _market.Packs.SelectMany(p => CaseFiles.Of(p).Select(f => (f, (string?)p.Id)))]);

    /// <summary>
    /// One case file named by the user: it belongs to the loaded pack whose
    /// skill folder (or its <c>evals/</c>) holds it, else to the only pack
    /// loaded; else its gold cases route across every loaded pack, and trigger
    /// queries, which test one skill, are refused.
    /// </summary>
    public TestRun RunFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Run([(CaseFiles.Read(path), Owner(path))]);
    }

    /// <summary>
    /// The cases of each file, as the file of its pack (null: of no one pack).
    /// Every case of every file is routed side by side, so that packs whose
    /// Markdown is first needed are compiled at once, not one after another.
    /// </summary>
    public TestRun Run(IReadOnlyList<(CaseFile File, string? Pack)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var plans = files.Select(f => Plan(f.File, f.Pack)).ToList();
        var runs = plans.SelectMany(p => p.Runs).ToList();
        var results = new CaseResult[runs.Count];
        Parallel.For(0, runs.Count, i => results[i] = runs[i]());
        var done = 0;
        var outcomes = ImmutableArray.CreateBuilder<CaseFileResult>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var (file, pack) = files[i];
            var count = plans[i].Runs.Count;
            outcomes.Add(new CaseFileResult(file.Path, file.Format, pack, [.. results.AsSpan(done, count)], plans[i].Problems));
            done += count;
        }

        return new TestRun(outcomes.MoveToImmutable());
    }

    /// <summary>What running a file's cases takes: one call per case that can be run, and the lines that cannot.</summary>
    private (List<Func<CaseResult>> Runs, ImmutableArray<LineError> Problems) Plan(CaseFile file, string? pack)
    {
        if (file.Format == CaseFormat.Trigger && pack is null)
        {
            return ([], [.. file.Problems, new LineError(file.Path, 1, "trigger queries test one skill: give its skill folder, or keep the file beside its SKILL.md")]);
        }

        var problems = file.Problems.ToBuilder();
        var runs = new List<Func<CaseResult>>();
        if (file.Format == CaseFormat.Trigger)
        {
            runs.AddRange(file.Triggers.Select(q => (Func<CaseResult>)(() => Trigger(file.Path, pack!, q))));
        }
        else
        {
            foreach (var q in file.Gold)
            {
                if (pack is null && q.AcceptFirst.FirstOrDefault(a => !a.Contains('/', StringComparison.Ordinal)) is { } bare)
                {
                    problems.Add(new LineError(file.Path, q.Line, $"'accept_first' names '{bare}' without its pack: across packs, write pack/sheet"));
                    continue;
                }

                runs.Add(() => Gold(file.Path, pack, q));
            }
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (runs, problems.ToImmutable());
    }

    private CaseResult Gold(string file, string? pack, GoldQuestion q)
    {
        var accepted = q.AcceptFirst.Select(a => Qualified(a, pack)).ToImmutableArray();
        var gold = q with { AcceptFirst = accepted };
        var decision = pack is null ? _market.Route(q.Query, q.Answers) : _market.RouteIn(pack, q.Query, q.Answers);
        var chosen = Chosen(decision);
        var stale = accepted.Select(a => Stale(a, across: pack is null)).FirstOrDefault(s => s is not null);
        var passed = stale is null && Scorer.Right(gold, decision);
        ImmutableArray<string> expected = q.Clarify switch
        {
            ClarifyExpectation.Required => [Scorer.ClarifyLabel],
            ClarifyExpectation.Allowed => [.. accepted, Scorer.ClarifyLabel],
            _ => accepted,
        };
        var detail = passed ? "" : stale ?? GoldDetail(gold, decision, chosen);
        return new CaseResult(pack ?? (accepted.IsEmpty ? "" : MarketEval.PackOf(accepted[0])), file, q.Line, q.Id, q.Query, expected, chosen, passed, detail, decision);
    }

    private CaseResult Trigger(string file, string pack, TriggerQuery q)
    {
        var decision = _market.Route(q.Query, []);
        var chosenPack = ChosenPack(decision);
        var triggered = chosenPack is not null && Scorer.SamePack(chosenPack, pack);
        var passed = triggered == q.ShouldTrigger;
        var chosen = Chosen(decision);
        string detail;
        if (passed)
        {
            detail = "";
        }
        else if (q.ShouldTrigger)
        {
            detail = decision.Status == DecisionStatus.Clarify
                ? $"asks which pack ({string.Join(", ", decision.Question?.Options.Select(o => o.Answer) ?? [])}) instead of choosing {pack}"
                : $"{Went(decision, chosen)}{(chosenPack is null ? "" : $", in {chosenPack}")}: {pack} is not chosen";
        }
        else
        {
            detail = decision.Status == DecisionStatus.Clarify
                ? $"{pack} is chosen (it asks \"{decision.Question?.Text}\"), but the query should not trigger it"
                : $"{Went(decision, chosen)}: {pack} is chosen, but the query should not trigger it";
        }

        return new CaseResult(pack, file, q.Line, $"line {q.Line}", q.Query, q.ShouldTrigger ? [$"{pack}/*"] : [], chosen, passed, detail, decision)
        {
            ShouldTrigger = q.ShouldTrigger,
        };
    }

    /// <summary>
    /// The pack a route across packs chose, or null when it chose none: it
    /// fits no pack, or asks which pack. A question a pack's own router asks
    /// first is that pack's (its evidence names it first); else the pack of
    /// the first destination, as score.py counts it (steps before hand-offs).
    /// </summary>
    public static string? ChosenPack(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Status == DecisionStatus.None)
        {
            return null;
        }

        if (decision.Status == DecisionStatus.Clarify)
        {
            return decision.Question?.Id == MarketRouter.PackQuestionId
                ? null
                : decision.Evidence.FirstOrDefault(e => e.Kind is EvidenceKind.Score or EvidenceKind.Answer && !e.Ref.Contains('/', StringComparison.Ordinal))?.Ref;
        }

        return Scorer.Destinations(decision) is [var first, ..] ? MarketEval.PackOf(first) : null;
    }

    /// <summary>What a decision gives first: <c>clarify</c>, <c>pack/sheet</c>, <c>pack/*</c> or <c>none</c>.</summary>
    private static string Chosen(Decision decision) =>
        decision.Status == DecisionStatus.Clarify ? Scorer.ClarifyLabel
        : Scorer.Destinations(decision) is [var first, ..] ? first
        : Scorer.NoneLabel;

    /// <summary>A destination of a pack's own case: a bare sheet id is the pack's; <c>.md</c> after a sheet is dropped.</summary>
    private static string Qualified(string accepted, string? pack)
    {
        var name = accepted.EndsWith(".md", StringComparison.OrdinalIgnoreCase) ? accepted[..^3] : accepted;
        return name.Contains('/', StringComparison.Ordinal) || pack is null ? name : $"{pack}/{name}";
    }

    /// <summary>
    /// Why an accepted destination cannot be reached, or null: a loaded pack
    /// that has no such sheet, or, across packs, a pack that is not loaded
    /// (a pack's own case may name a pack it hands off to that is not on disk).
    /// </summary>
    private string? Stale(string accepted, bool across)
    {
        var pack = MarketEval.PackOf(accepted);
        var sheet = accepted.Length > pack.Length ? accepted[(pack.Length + 1)..] : "*";
        var p = _market.PackIndex(pack);
        if (p < 0 && Enumerable.Range(0, _market.Packs.Length).Where(i => Scorer.SamePack(_market.Packs[i].Id, pack)).ToList() is [var folded])
        {
            // A gold file may name a pack without its family word, as score.py folds it.
            p = folded;
        }

        if (p < 0)
        {
            return across ? $"expects {accepted}, but no loaded pack is '{pack}'" : null;
        }

        return sheet == "*" || _market.Packs[p].Sheets.Any(s => s.Id == sheet)
            ? null
            : $"expects {accepted}, but {_market.Packs[p].Id} has no sheet '{sheet}'";
    }

    private static string GoldDetail(GoldQuestion gold, Decision decision, string chosen)
    {
        var unmatched = decision.UnmatchedAnswer is { } answer ? $" (the answer '{answer}' matches none of its options)" : "";
        if (gold.Clarify == ClarifyExpectation.Required)
        {
            return $"should ask first, but {Went(decision, chosen)}";
        }

        if (decision.Status == DecisionStatus.Clarify)
        {
            return $"asks \"{decision.Question?.Text}\" ({decision.Question?.Id}){unmatched}, but the case expects {string.Join(" or ", gold.AcceptFirst)} first";
        }

        return $"{Went(decision, chosen)}; expected first {string.Join(" or ", gold.AcceptFirst)}";
    }

    private static string Went(Decision decision, string chosen) => decision.Status switch
    {
        DecisionStatus.None => "fits no pack",
        _ when chosen == Scorer.NoneLabel => "reaches no sheet",
        DecisionStatus.Handoff => $"hands off to {chosen}",
        DecisionStatus.Clarify => "asks a question",
        _ => $"routes to {chosen}",
    };

    /// <summary>The loaded pack whose skill folder, or its <c>evals/</c>, holds <paramref name="path"/>; else the only pack loaded; else null.</summary>
    private string? Owner(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
        var real = Directory.Exists(folder) ? PackFiles.RealRoot(folder) : folder;
        foreach (var pack in _market.Packs)
        {
            var skill = Path.GetDirectoryName(pack.SkillFile) ?? "";
            if (real == skill || real == Path.Join(skill, CaseFiles.EvalsFolder) || folder == skill || folder == Path.Join(skill, CaseFiles.EvalsFolder))
            {
                return pack.Id;
            }
        }

        return _market.Packs.Length == 1 ? _market.Packs[0].Id : null;
    }
}
