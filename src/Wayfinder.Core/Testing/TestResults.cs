using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Wayfinder.Decisions;
using Wayfinder.Evaluation;

namespace Wayfinder.Testing;

/// <summary>How one routing case fared.</summary>
/// <param name="Pack">The pack the case tests: the file's own, or, across packs, the pack of its first accepted sheet (empty when it only wants a question asked).</param>
/// <param name="File">The case file, as shown.</param>
/// <param name="Line">The line the case is on (where its object starts, in a JSON array).</param>
/// <param name="Id">The case's id: its own, or <c>line N</c>.</param>
/// <param name="Query">The question routed.</param>
/// <param name="Expected">
/// What may come first: <c>pack/sheet</c> or <c>pack/*</c>, and <c>clarify</c>
/// where asking is right; for a trigger query, <c>pack/*</c> when it should
/// bring the pack in and nothing when it should not.
/// </param>
/// <param name="Chosen">What the route gives first: <c>pack/sheet</c>, <c>pack/*</c>, <c>clarify</c> or <c>none</c>.</param>
/// <param name="Passed">Whether the case passed.</param>
/// <param name="Detail">Why it failed, in one sentence; empty when it passed.</param>
/// <param name="Decision">The whole decision, with its evidence.</param>
public sealed record CaseResult(
    [property: JsonPropertyOrder(0)] string Pack,
    [property: JsonPropertyOrder(1)] string File,
    [property: JsonPropertyOrder(2)] int Line,
    [property: JsonPropertyOrder(3)] string Id,
    [property: JsonPropertyOrder(4)] string Query,
    [property: JsonPropertyOrder(5)] ImmutableArray<string> Expected,
    [property: JsonPropertyOrder(7)] string Chosen,
    [property: JsonPropertyOrder(8)] bool Passed,
    [property: JsonPropertyOrder(9)] string Detail,
    [property: JsonPropertyOrder(10)] Decision Decision)
{
    /// <summary>For a trigger query, whether it should bring its pack in; null for a gold case.</summary>
    [JsonPropertyOrder(6)]
    public bool? ShouldTrigger { get; init; }
}

/// <summary>The cases of one file, in the order the file holds them, and the lines that could not be run.</summary>
/// <param name="File">The case file, as shown.</param>
/// <param name="Format">One of <see cref="CaseFormat"/>.</param>
/// <param name="Pack">The pack the file belongs to; null when its cases route across every loaded pack.</param>
/// <param name="Cases">One result per case.</param>
/// <param name="Problems">Lines that could not be run, with their line.</param>
public sealed record CaseFileResult(
    string File,
    string Format,
    string? Pack,
    ImmutableArray<CaseResult> Cases,
    ImmutableArray<LineError> Problems)
{
    /// <summary>How many cases passed.</summary>
    public int Passed => Cases.Count(c => c.Passed);

    /// <summary>How many cases failed.</summary>
    public int Failed => Cases.Length - Passed;
}

/// <summary>A whole run of routing cases: each file's results, in a fixed order.</summary>
public sealed record TestRun(ImmutableArray<CaseFileResult> Files)
{
    /// <summary>How many cases passed, in every file.</summary>
    public int Passed => Files.Sum(f => f.Passed);

    /// <summary>How many cases failed, in every file.</summary>
    public int Failed => Files.Sum(f => f.Failed);

    /// <summary>Lines (or whole files) that could not be run.</summary>
    public int Problems => Files.Sum(f => f.Problems.Length);

    /// <summary>Every case, file by file.</summary>
    [JsonIgnore]
    public IEnumerable<CaseResult> Cases => Files.SelectMany(f => f.Cases);
}
