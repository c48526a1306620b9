using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Wayfinder.Packs;

/// <summary>
/// A validated, immutable routing pack: the concerns, sheets, sister packs,
/// facets, questions and rules that a <see cref="Routing.Router"/> applies.
/// </summary>
public sealed class RoutingPack
{
    internal RoutingPack(
        string id,
        string title,
        string calibrated,
        string summary,
        ImmutableArray<Concern> concerns,
        ImmutableArray<Sheet> sheets,
        ImmutableArray<SisterPack> sisterPacks,
        ImmutableArray<Facet> facets,
        ImmutableArray<Question> questions,
        ImmutableArray<ScenarioRule> rules,
        ImmutableArray<FastMovingArea> fastMoving,
        ImmutableArray<MaintenanceNotice> maintenance,
        string toolNotConcernText,
        ImmutableArray<CapabilityTier> tiers,
        DualRoute? dualRoute,
        ImmutableArray<string> askOrder,
        ImmutableArray<LexiconEntry> lexicon,
        ImmutableArray<Companion> companions,
        FrozenDictionary<string, double> confidence)
    {
        Id = id;
        Title = title;
        Calibrated = calibrated;
        Summary = summary;
        Concerns = concerns;
        Sheets = sheets;
        SisterPacks = sisterPacks;
        Facets = facets;
        Questions = questions;
        Rules = rules;
        FastMoving = fastMoving;
        Maintenance = maintenance;
        ToolNotConcernText = toolNotConcernText;
        Tiers = tiers;
        DualRoute = dualRoute;
        AskOrder = askOrder;
        Lexicon = lexicon;
        Companions = companions;
        Confidence = confidence;
        ConcernsById = concerns.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        SheetsById = sheets.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        SisterPacksById = sisterPacks.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        FacetsById = facets.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        QuestionsById = questions.ToFrozenDictionary(q => q.Id, StringComparer.Ordinal);
        StaleKnowledgeTexts = [.. fastMoving.Select(a => $"{a.Text} (tool knowledge calibrated to {calibrated})")];
    }

    /// <summary>Each fast-moving area's advisory text, in the order of <see cref="FastMoving"/>, with the month the pack was calibrated.</summary>
    internal ImmutableArray<string> StaleKnowledgeTexts { get; }

    /// <summary>The pack id, e.g. <c>ml-production</c>.</summary>
    public string Id { get; }
    /// <summary>The pack's title.</summary>
    public string Title { get; }
    /// <summary>The month the pack's tool knowledge was last checked (e.g. <c>2026-05</c>).</summary>
    public string Calibrated { get; }
    /// <summary>What the pack covers, in a sentence.</summary>
    public string Summary { get; }
    /// <summary>The concerns, in the manifest's order.</summary>
    public ImmutableArray<Concern> Concerns { get; }
    /// <summary>The reference sheets, in the manifest's order.</summary>
    public ImmutableArray<Sheet> Sheets { get; }
    /// <summary>The packs questions are handed to.</summary>
    public ImmutableArray<SisterPack> SisterPacks { get; }
    /// <summary>The signals a question can carry.</summary>
    public ImmutableArray<Facet> Facets { get; }
    /// <summary>The clarifying questions.</summary>
    public ImmutableArray<Question> Questions { get; }
    /// <summary>The scenario rules, first match first.</summary>
    public ImmutableArray<ScenarioRule> Rules { get; }
    /// <summary>Areas whose tools change fast, for stale-knowledge advisories.</summary>
    public ImmutableArray<FastMovingArea> FastMoving { get; }
    /// <summary>Tools in maintenance mode, for advisories.</summary>
    public ImmutableArray<MaintenanceNotice> Maintenance { get; }
    /// <summary>The advisory given when a question names a tool, not a concern.</summary>
    public string ToolNotConcernText { get; }
    /// <summary>Patterns naming GPUs or models and the tiers they stand for, for advisories.</summary>
    public ImmutableArray<CapabilityTier> Tiers { get; }
    /// <summary>Where LLM questions about operations also go, by the first step's concern; null when the pack has none.</summary>
    public DualRoute? DualRoute { get; }
    /// <summary>The facets whose questions come first when several apply, by id, in order.</summary>
    public ImmutableArray<string> AskOrder { get; }

    /// <summary>Weighted words of the field and where they point (may be empty).</summary>
    public ImmutableArray<LexiconEntry> Lexicon { get; }

    /// <summary>Second reads added to composed routes, in order.</summary>
    public ImmutableArray<Companion> Companions { get; }

    /// <summary>Calibrated confidence by how a route was reached (rule, path, composed-clear …).</summary>
    public FrozenDictionary<string, double> Confidence { get; }

    /// <summary><see cref="Concerns"/> by id.</summary>
    public FrozenDictionary<string, Concern> ConcernsById { get; }
    /// <summary><see cref="Sheets"/> by id.</summary>
    public FrozenDictionary<string, Sheet> SheetsById { get; }
    /// <summary><see cref="SisterPacks"/> by id.</summary>
    public FrozenDictionary<string, SisterPack> SisterPacksById { get; }
    /// <summary><see cref="Facets"/> by id.</summary>
    public FrozenDictionary<string, Facet> FacetsById { get; }
    /// <summary><see cref="Questions"/> by id.</summary>
    public FrozenDictionary<string, Question> QuestionsById { get; }
}

/// <summary>One of the pack's concerns (optimization, serving, …).</summary>
public sealed record Concern(string Id, string Title, string Summary, string KeyQuestion);

/// <summary>A reference sheet of the pack; <see cref="Stage"/> orders multi-concern routes.</summary>
public sealed record Sheet(string Id, string ConcernId, int Stage, string Summary);

/// <summary>A sister pack questions are handed to, with the sheets the pack knows of.</summary>
public sealed record SisterPack(string Id, string Title, string Owns, ImmutableArray<SisterSheet> Sheets);

/// <summary>A sheet of a sister pack, as the routing pack knows it.</summary>
/// <param name="Id">The sheet's id in its pack.</param>
/// <param name="Summary">What it covers.</param>
public sealed record SisterSheet(string Id, string Summary);

/// <summary>
/// A signal a question can carry: the terms that reveal it and what it means
/// for routing.
/// </summary>
public sealed record Facet(
    string Id,
    ImmutableArray<string> Terms,
    ImmutableArray<string> Sheets,
    ImmutableArray<Target> Handoffs,
    string? Ask,
    ImmutableArray<string> Alone,
    ImmutableArray<string> Default,
    string? ConcernId,
    string? Tool,
    bool Infrastructure,
    ImmutableArray<string> Suppresses,
    ImmutableArray<string> UnlessAny,
    ImmutableArray<string> YieldsTo,
    bool Trailing,
    bool Context = false);

/// <summary>A destination: a sheet of the routing pack, or a sister pack (with an optional sheet).</summary>
public sealed record Target(string Pack, string? Sheet, string? Why)
{
    /// <summary><c>PACK/SHEET</c>, or <c>PACK</c> for a whole pack.</summary>
    public string Key => Sheet is null ? Pack : $"{Pack}/{Sheet}";
}

/// <summary>A clarifying question with its options.</summary>
public sealed record Question(string Id, string Text, ImmutableArray<QuestionOption> Options);

/// <summary>An answer to a question: it leads to another question or to a route.</summary>
public sealed record QuestionOption(
    string Answer,
    string Label,
    ImmutableArray<string> GivenBy,
    string? Next,
    ImmutableArray<Target> Route);

/// <summary>Facet condition: all of, at least one of, none of.</summary>
public sealed record FacetCondition(ImmutableArray<string> All, ImmutableArray<string> Any, ImmutableArray<string> None)
{
    /// <summary>Whether <paramref name="facets"/> meet the condition: all of <see cref="All"/>, one of <see cref="Any"/> (when any), none of <see cref="None"/>.</summary>
    /// <param name="facets">The facets a question carries.</param>
    public bool Matches(IReadOnlySet<string> facets)
    {
        foreach (var f in All)
        {
            if (!facets.Contains(f))
            {
                return false;
            }
        }

        foreach (var f in None)
        {
            if (facets.Contains(f))
            {
                return false;
            }
        }

        if (Any.IsDefaultOrEmpty)
        {
            return true;
        }

        foreach (var f in Any)
        {
            if (facets.Contains(f))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A scenario of the specification with a fixed route in execution order.</summary>
public sealed record ScenarioRule(string Id, string Source, ImmutableArray<FacetCondition> When, ImmutableArray<Target> Route);

/// <summary>A fast-moving tool area: routes that reach it get a re-check advisory.</summary>
public sealed record FastMovingArea(string Subject, ImmutableArray<string> Sheets, ImmutableArray<string> WhenAny, ImmutableArray<string> WhenRouteTo, string Text);

/// <summary>A tool in maintenance mode.</summary>
public sealed record MaintenanceNotice(string Facet, string Subject, string Text, string ExistingText);

/// <summary>A pattern that recognises a named GPU or model and the tier it stands for.</summary>
public sealed record CapabilityTier(System.Text.RegularExpressions.Regex Pattern, string Tier, string? Facet);

/// <summary>LLM questions about operations also go to the LLM pack, by the first step's concern.</summary>
public sealed record DualRoute(string Facet, ImmutableArray<string> UnlessAny, FrozenDictionary<string, Target> ByConcern);

/// <summary>
/// A second read: when a composed route reaches one of <see cref="After"/> and
/// the question's facets match <see cref="When"/>, sheet <see cref="Add"/> follows.
/// </summary>
public sealed record Companion(ImmutableArray<string> After, FacetCondition When, string Add, string Why);

/// <summary>
/// A word or phrase of the field and the destination it points at, with a
/// weight: 3 nearly always means that destination, 2 is a strong hint, 1 is
/// suggestive but shared.
/// </summary>
public sealed record LexiconEntry(string Term, Target Destination, int Weight)
{
    /// <summary>The largest weight a lexicon term can carry.</summary>
    public const int MaxWeight = 3;
}
