namespace Wayfinder.Decisions;

/// <summary>
/// The kinds of <see cref="Evidence"/> a decision carries, as the JSON
/// contract writes them (docs/decision.md lists what <c>ref</c> and
/// <c>text</c> hold for each).
/// </summary>
public static class EvidenceKind
{
    /// <summary>A facet found: the words of the question that revealed it.</summary>
    public const string Term = "term";

    /// <summary>A term the question dismisses ("training was fine").</summary>
    public const string Negated = "negated";

    /// <summary>A facet set aside: it yields to a stronger one, or another decides.</summary>
    public const string Suppressed = "suppressed";

    /// <summary>A facet named only in the background of a longer question.</summary>
    public const string Context = "context";

    /// <summary>A scenario rule of the specification.</summary>
    public const string Rule = "rule";

    /// <summary>A sheet brought into a composed route, and by which facet.</summary>
    public const string Compose = "compose";

    /// <summary>Why a clarifying question is proposed, or that the question's own words answer it.</summary>
    public const string Question = "question";

    /// <summary>How an answer was read.</summary>
    public const string Answer = "answer";

    /// <summary>The ask policy's reading: which answer the question's context gives, by what lead, or why it is asked.</summary>
    public const string Ask = "ask";

    /// <summary>A sheet that leads by weight, or a list of tasks kept in stage order.</summary>
    public const string Weight = "weight";

    /// <summary>A second read added to a composed route.</summary>
    public const string Companion = "companion";

    /// <summary>The branch of the specification's decision tree taken.</summary>
    public const string Tree = "tree";

    /// <summary>How the route was reached (the same as <see cref="Decision.Basis"/>).</summary>
    public const string Basis = "basis";

    /// <summary>A destination's score: the fitted model's contributions, or a retrieval baseline's.</summary>
    public const string Score = "score";

    /// <summary>With packs on disk: the file of a destination.</summary>
    public const string File = "file";

    /// <summary>With packs on disk: a destination that is not among them.</summary>
    public const string Missing = "missing";
}

/// <summary>How a route was reached: the values of <see cref="Decision.Basis"/>.</summary>
public static class DecisionBasis
{
    /// <summary>A scenario rule of the specification fixed the route.</summary>
    public const string Rule = "rule";

    /// <summary>A clarifying path, answered by the question's words or by the caller.</summary>
    public const string Path = "path";

    /// <summary>A broad need on its own, routed to its whole concern.</summary>
    public const string Alone = "alone";

    /// <summary>Composed from the question's words, one concern clearly first.</summary>
    public const string Clear = "composed-clear";

    /// <summary>Composed, with another concern nearly as strong as the first.</summary>
    public const string Close = "composed-close";

    /// <summary>Composed, to other packs only.</summary>
    public const string Handoff = "composed-handoff";

    /// <summary>Settled by the lexicon where the facets would have asked (packs whose model is not fitted).</summary>
    public const string Lexicon = "lexicon";

    /// <summary>The fitted model chose the first destination: a question its context answered, or a route it re-ordered.</summary>
    public const string Model = "model";

    /// <summary>A pack routed from its Markdown, ranked over its router's words.</summary>
    public const string Markdown = "markdown";

    /// <summary>A retrieval baseline's ranking (<c>wayfinder eval</c>).</summary>
    public const string Retrieval = "retrieval";
}
