using Wayfinder.Clarification;
using Wayfinder.Decisions;
using Wayfinder.Lexicon;
using Wayfinder.Packs;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>
/// One question as the router's pipeline reads it: what it says (words,
/// facets, what is asked and what is background, the lexicon's reading) and
/// the outcome each stage leaves for the next. Made and used by one
/// <see cref="Router.Route"/> call; never shared.
/// </summary>
internal sealed class QuestionState(
    string question,
    IReadOnlyList<string> answers,
    List<Token> tokens,
    List<Evidence> evidence,
    List<(string Subject, CapabilityTier Tier)> named,
    HashSet<string> facets,
    HashSet<string> asked,
    HashSet<string> background,
    Dictionary<string, List<string>> said,
    LazyLexicon lexicon,
    bool isTaskList)
{
    public string Question => question;

    /// <summary>The caller's answers to the questions asked so far, in order.</summary>
    public IReadOnlyList<string> Answers => answers;

    public List<Token> Tokens => tokens;

    /// <summary>The reasons gathered so far, in the order the stages gave them.</summary>
    public List<Evidence> Evidence => evidence;

    /// <summary>Capability tiers the question names (a GPU, a model size).</summary>
    public List<(string Subject, CapabilityTier Tier)> Named => named;

    /// <summary>Every facet found and kept (not negated, not set aside).</summary>
    public HashSet<string> Facets => facets;

    /// <summary>The facets of what the question asks; background facets left out.</summary>
    public HashSet<string> Asked => asked;

    /// <summary>Facets found only in the question's background.</summary>
    public HashSet<string> Background => background;

    /// <summary>Per facet, the words that revealed it, as the question wrote them.</summary>
    public Dictionary<string, List<string>> Said => said;

    public LazyLexicon Lexicon => lexicon;

    /// <summary>Whether the question is a list of tasks (read in execution order).</summary>
    public bool IsTaskList => isTaskList;

    /// <summary>The pack's terms found, after focus (what is asked, what is background).</summary>
    public List<TermHit> Hits { get; init; } = [];

    /// <summary>The spans of the question's asking sentences (empty: all of it asks).</summary>
    public List<(int Start, int End)> Asks { get; init; } = [];

    /// <summary>The route or question the stages so far have settled on.</summary>
    public Outcome Outcome { get; set; }
}
