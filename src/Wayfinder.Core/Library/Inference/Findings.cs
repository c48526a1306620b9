namespace Wayfinder.Library.Inference;

/// <summary>A destination while inferring: a sheet of this pack, or another pack (with an optional sheet).</summary>
internal sealed record Dest(string Pack, string? Sheet);

/// <summary>A concern block of the router: a section with symptoms or a "routes to" list naming a few sheets.</summary>
internal sealed class ConcernBlock
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public int? Number { get; init; }
    public string KeyQuestion { get; set; } = "";
    public List<string> Sheets { get; } = [];
    public List<string> Symptoms { get; } = [];
}

/// <summary>An answer of a clarifying question: the words that give it, and the question or route it leads to.</summary>
internal sealed class Option
{
    public required string Answer { get; init; }
    public required string Label { get; init; }
    public List<string> GivenBy { get; } = [];
    public string? Next { get; set; }
    public List<Dest> Route { get; } = [];
    public bool Alternatives { get; init; }
}

/// <summary>A clarifying question the router asks, the words of the query that raise it, and its answers.</summary>
internal sealed class Ask
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public List<string> Triggers { get; } = [];
    public List<Option> Options { get; } = [];
}

/// <summary>A scenario with a fixed route: it fires when the question holds every one of its words.</summary>
/// <param name="Id">The rule's id ("rule-" and the scenario's first words).</param>
/// <param name="Source">Where the router says it ("SKILL.md:40 "Plan routes and watch telemetry"").</param>
/// <param name="Terms">The words that must be found, a negated one as "not word" (<see cref="Phrases.RuleWords"/>).</param>
/// <param name="Route">The destinations in order.</param>
internal sealed record Rule(string Id, string Source, List<string> Terms, List<Dest> Route);

/// <summary>
/// A scenario that says one word besides the pack's own ("Hallucinations in
/// production"): too little for a rule, so its word points at its route as
/// evidence among the rest.
/// </summary>
internal sealed record Scenario(string Id, List<string> Terms, List<Dest> Route);

/// <summary>
/// A routing mistake the router warns of: a question like <see cref="Terms"/>
/// must not go to <see cref="Wrong"/> (negative evidence for it), and goes to
/// <see cref="Right"/> when that is named.
/// </summary>
internal sealed record Mistake(string Id, List<string> Terms, List<Dest> Wrong, List<Dest> Right);
