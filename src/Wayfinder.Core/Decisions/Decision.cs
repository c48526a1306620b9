using System.Text.Json.Serialization;

namespace Wayfinder.Decisions;

/// <summary>The outcomes of routing a question.</summary>
public static class DecisionStatus
{
    /// <summary>At least one sheet of the routing pack is to be read.</summary>
    public const string Routed = "routed";

    /// <summary>A question must be answered before routing.</summary>
    public const string Clarify = "clarify";

    /// <summary>No sheet of the routing pack applies; the hand-offs say where to go.</summary>
    public const string Handoff = "handoff";

    /// <summary>Across packs on disk: no pack fits the question; nothing is forced.</summary>
    public const string None = "none";
}

/// <summary>Kinds of advisory attached to a decision.</summary>
public static class AdvisoryKind
{
    /// <summary>The question names a tool in maintenance mode.</summary>
    public const string MaintenanceMode = "maintenance-mode";
    /// <summary>The question is about a fast-moving area the pack may be behind on.</summary>
    public const string StaleKnowledge = "stale-knowledge";
    /// <summary>The question names a GPU or model: the advice depends on the capability tier it stands for.</summary>
    public const string CapabilityTier = "capability-tier";
    /// <summary>The question names a tool, not a concern: the route follows the concern.</summary>
    public const string ToolNotConcern = "tool-not-concern";
}

/// <summary>
/// What the router decided for one question, and why. The contract is
/// documented in docs/decision.md; every host serialises it the same way.
/// </summary>
public sealed record Decision(
    [property: JsonPropertyOrder(1)] string Status,
    [property: JsonPropertyOrder(3)] IReadOnlyList<Step> Steps,
    [property: JsonPropertyOrder(4)] ClarifyingQuestion? Question,
    [property: JsonPropertyOrder(5)] IReadOnlyList<Handoff> Handoffs,
    [property: JsonPropertyOrder(6)] IReadOnlyList<Advisory> Advisories,
    [property: JsonPropertyOrder(7)] IReadOnlyList<Evidence> Evidence)
{
    /// <summary>
    /// The estimated chance that the first destination is right, from how
    /// the route was reached (see <c>basis</c> in the evidence), calibrated on
    /// the regression corpus; 0 when a question is asked instead.
    /// </summary>
    [JsonPropertyOrder(2)]
    public double Confidence { get; init; }

    /// <summary>
    /// How the route was reached (<see cref="DecisionBasis"/>: a scenario
    /// rule, an answered path, a composition, the fitted model …); null when
    /// a question is asked instead.
    /// </summary>
    [JsonPropertyOrder(8)]
    public string? Basis { get; init; }

    /// <summary>
    /// Whether nothing in the question pointed anywhere: no facet, no lexicon
    /// term, no word of a destination's description or of a labelled example.
    /// Such a question is asked the pack's catch-all question.
    /// </summary>
    [JsonPropertyOrder(9)]
    public bool NoSignal { get; init; }

    /// <summary>
    /// An answer passed back that matches none of the options of
    /// <see cref="Question"/>, which is asked again; null when every answer
    /// given was understood. Not written to JSON (the evidence says the same):
    /// it lets a host that can refuse a request, as the command line does,
    /// refuse it rather than ask again forever.
    /// </summary>
    [JsonIgnore]
    public string? UnmatchedAnswer { get; init; }

    /// <summary>The caller's id for the question (batch mode only).</summary>
    [JsonPropertyOrder(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }
}

/// <summary>A sheet of the routing pack to read; <see cref="Order"/> is its place in the whole reading sequence.</summary>
public sealed record Step(string Pack, string Sheet, string Concern, string Why, int Order);

/// <summary>A destination in another pack; <see cref="Sheet"/> is null when any sheet of that pack may answer.</summary>
public sealed record Handoff(string Pack, string? Sheet, string Why, int Order);

/// <summary>The one question to answer before routing goes on.</summary>
public sealed record ClarifyingQuestion(string Id, string Text, IReadOnlyList<QuestionChoice> Options)
{
    /// <summary>
    /// The answers the question's own words lean to, though not clearly enough
    /// to route without asking: this question's, then the next question's down
    /// that answer's path. Empty when the words say too little to lean. A
    /// caller may offer the first as the likely answer; context reads its
    /// branch first.
    /// </summary>
    public IReadOnlyList<string> Leaning { get; init; } = [];
}

/// <summary>A possible answer: pass <see cref="Answer"/> back to continue.</summary>
public sealed record QuestionChoice(string Answer, string Label, string LeadsTo);

/// <summary>A caution attached to a decision.</summary>
public sealed record Advisory(string Kind, string Subject, string Text);

/// <summary>One reason behind a decision; <see cref="Kind"/> is one of <see cref="EvidenceKind"/>.</summary>
public sealed record Evidence(string Kind, string Ref, string Text);
