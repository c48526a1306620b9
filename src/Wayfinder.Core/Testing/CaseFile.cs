using System.Collections.Immutable;
using Wayfinder.Evaluation;

namespace Wayfinder.Testing;

/// <summary>The two formats a file of routing cases comes in, told apart by its content.</summary>
public static class CaseFormat
{
    /// <summary>
    /// JSON Lines in the gold format of <c>wayfinder eval</c>: <c>query</c>,
    /// <c>accept_first</c>, <c>clarify</c>, optional <c>answers</c> and <c>id</c>.
    /// </summary>
    public const string Gold = "gold";

    /// <summary>
    /// The Agent Skills trigger queries: one JSON array of
    /// <c>{"query": "...", "should_trigger": true}</c>.
    /// </summary>
    public const string Trigger = "trigger";
}

/// <summary>A query that should, or should not, bring its skill in; <see cref="Line"/> is where its object starts.</summary>
public sealed record TriggerQuery(string Query, bool ShouldTrigger, int Line);

/// <summary>
/// A file of routing cases, read whole: its cases in the order they are
/// written, and every line that could not be used. A bad line never costs
/// the others.
/// </summary>
/// <param name="Path">The file, as it is shown: relative to the current folder when it lies below it.</param>
/// <param name="Format">One of <see cref="CaseFormat"/>.</param>
/// <param name="Gold">The cases of a <see cref="CaseFormat.Gold"/> file.</param>
/// <param name="Triggers">The cases of a <see cref="CaseFormat.Trigger"/> file.</param>
/// <param name="Problems">Lines that could not be used, each with its line.</param>
public sealed record CaseFile(
    string Path,
    string Format,
    ImmutableArray<GoldQuestion> Gold,
    ImmutableArray<TriggerQuery> Triggers,
    ImmutableArray<LineError> Problems)
{
    /// <summary>How many cases the file holds.</summary>
    public int Count => Gold.Length + Triggers.Length;

    /// <summary>A file that could not be read at all: one problem, no case.</summary>
    public static CaseFile Unreadable(string path, string message) =>
        new(path, CaseFormat.Gold, [], [], [new LineError(path, 1, message)]);
}
