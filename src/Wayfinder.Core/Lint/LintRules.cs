using System.Collections.Frozen;

namespace Wayfinder.Lint;

/// <summary>One kind of finding: its code, how bad it is, and what it means, for SARIF's rule table and the docs.</summary>
public sealed record LintRule(string Code, string Severity, string Title, string Help);

/// <summary>Every code lint reports, in one place: a finding's code is always one of these.</summary>
public static class LintRules
{
    /// <summary>Every rule, in the order docs/packs.md lists them.</summary>
    public static readonly IReadOnlyList<LintRule> All =
    [
        new("load", LintSeverity.Error, "The file could not be loaded", "The pack's loader refused the file or part of it; the message says what and where."),
        new("frontmatter-missing", LintSeverity.Error, "SKILL.md has no frontmatter", "A skill starts with YAML frontmatter between '---' lines holding at least 'name' and 'description'."),
        new("frontmatter-yaml", LintSeverity.Error, "Frontmatter is not valid YAML", "The frontmatter does not parse, so every field in it is lost; the message names the YAML rule, the place, and the fields lost."),
        new("name-length", LintSeverity.Error, "Skill name length", "'name' must be 1 to 64 characters."),
        new("name-characters", LintSeverity.Error, "Skill name characters", "'name' may hold only lowercase letters, digits and hyphens."),
        new("name-hyphens", LintSeverity.Error, "Skill name hyphens", "'name' must not start or end with a hyphen or hold two in a row."),
        new("name-folder", LintSeverity.Error, "Skill name and folder", "'name' must be the name of the folder holding SKILL.md."),
        new("description-missing", LintSeverity.Error, "No description", "'description' must be present and not blank: agents choose skills by it."),
        new("description-length", LintSeverity.Error, "Description length", "'description' must be at most 1,024 characters."),
        new("compatibility-length", LintSeverity.Error, "Compatibility length", "'compatibility', when present, must be at most 500 characters."),
        new("metadata-type", LintSeverity.Error, "Metadata shape", "'metadata', when present, must be a map from strings to strings."),
        new("skill-size", LintSeverity.Warning, "SKILL.md size", "Keep SKILL.md under 500 lines and about 5,000 tokens; move detail into sheets it names."),
        new("duplicate-sheet", LintSeverity.Error, "Sheet ids differ only in case", "Two sheets of one pack must differ in more than case."),
        new("broken-link", LintSeverity.Error, "Broken link", "A relative Markdown link resolves to no file in the pack."),
        new("link-outside", LintSeverity.Warning, "Link leaves the pack", "A link leads outside the packs linted, or out of its pack through a symbolic link."),
        new("broken-reference", LintSeverity.Error, "Broken reference", "A reference to a sheet (pack/sheet) names no sheet, command or agent of that pack."),
        new("unknown-pack", LintSeverity.Error, "Unknown pack", "A reference names a pack the marketplace does not hold."),
        new("ambiguous-pack", LintSeverity.Error, "Ambiguous pack", "A reference names a pack that more than one plugin holds."),
        new("unknown-sheet", LintSeverity.Error, "Router names no file", "The router names a sheet that matches no file beside it, so that sheet is never read; the message suggests the nearest file."),
        new("unreached-sheet", LintSeverity.Error, "Unreached sheet", "No router names the sheet, so no question is ever routed to it."),
        new("count-claim", LintSeverity.Error, "Count claim", "A count claimed in prose or a description (sheets, commands, agents, skills) does not match the files in its scope."),
        new("nested-fence", LintSeverity.Error, "Nested fence closes the outer block early", "A fence opened inside a fenced block is part of it, so the next bare fence ends the outer block early and the rest is read as prose; lengthen the outer fence."),
        new("unclosed-fence", LintSeverity.Error, "Unclosed fence", "A fenced block never closes, so the rest of the file is read as code."),
        new("symptom-overlap", LintSeverity.Warning, "Symptom listed twice", "One symptom phrase is listed under two concerns; the router will have to ask."),
        new("routing-overlap", LintSeverity.Warning, "Router cannot tell apart", "On the pack's own lines, the router prefers another destination or cannot separate two; sharpen one of the competing phrases."),
        new("marketplace-json", LintSeverity.Error, "marketplace.json", "The marketplace manifest does not parse or lacks its plugins list."),
        new("plugin-missing", LintSeverity.Error, "Listed plugin missing", "marketplace.json lists a plugin whose folder does not exist."),
        new("plugin-json", LintSeverity.Error, "plugin.json", "A plugin's .claude-plugin/plugin.json is missing, does not parse, or lacks a name."),
        new("duplicate-name", LintSeverity.Error, "Duplicate name", "Two plugins, or two skills of one plugin, share a name."),
    ];

    private static readonly FrozenDictionary<string, LintRule> ByCode = All.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The rule of <paramref name="code"/>; every code lint emits is in <see cref="All"/>.</summary>
    public static LintRule Of(string code) =>
        ByCode.TryGetValue(code, out var rule) ? rule : throw new ArgumentException($"no lint rule '{code}'", nameof(code));
}
