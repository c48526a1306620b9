using System.Collections.Immutable;

namespace Wayfinder.Lint;

/// <summary>How bad a finding is: errors fail a pack's CI (exit code 1), warnings do not.</summary>
public static class LintSeverity
{
    /// <summary>A defect: fails the pack's CI.</summary>
    public const string Error = "error";
    /// <summary>Advice: reported, does not fail.</summary>
    public const string Warning = "warning";
}

/// <summary>One problem in a pack, where it is, and the mechanical fix when there is one.</summary>
public sealed record LintFinding(string Severity, string Code, string File, int Line, int Column, string Message)
{
    /// <summary>The edit that fixes the finding without a person's judgement (quoting a scalar, lengthening a fence), or null.</summary>
    public LintFix? Fix { get; init; }

    /// <summary><c>FILE:LINE:COLUMN: SEVERITY CODE: MESSAGE</c>, as compilers write it.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Severity} {Code}: {Message}" : $"{File}: {Severity} {Code}: {Message}";
}

/// <summary>A mechanical fix: whole lines of <see cref="LintFinding.File"/> replaced by new text.</summary>
public sealed record LintFix(string Title, ImmutableArray<LineEdit> Edits);

/// <summary>Line <see cref="Line"/> (1-based) becomes <see cref="Text"/>.</summary>
public sealed record LineEdit(int Line, string Text);

/// <summary>What to lint besides the packs themselves.</summary>
public sealed record LintOptions
{
    /// <summary>
    /// Whether the packs are a whole marketplace. When false (skill folders
    /// linted alone), a reference to a sister pack that is not loaded says
    /// nothing: it may well be there beside it.
    /// </summary>
    /// <value>The default is true.</value>
    public bool WholeMarketplace { get; init; } = true;

    /// <summary>Marketplace folders whose <c>marketplace.json</c> and plugins' <c>plugin.json</c> are checked too.</summary>
    public IReadOnlyList<string> Marketplaces { get; init; } = [];

    /// <summary>Whether to report the routing overlaps of each pack, and of the skills of a marketplace.</summary>
    /// <value>The default is true.</value>
    public bool Overlap { get; init; } = true;
}
