using System.Collections.Immutable;

namespace Wayfinder.Library;

/// <summary>
/// A whole Markdown section of a sheet: a heading and everything under it up
/// to the next heading of any level (never cut inside a code block).
/// </summary>
/// <param name="HeadingPath">The headings from the top down, joined by " > " (empty before the first heading).</param>
/// <param name="Level">The heading level (1–6), 0 before the first heading.</param>
/// <param name="StartLine">First line, 1-based.</param>
/// <param name="EndLine">Last line, 1-based, inclusive.</param>
/// <param name="Text">The section's Markdown as written.</param>
public sealed record SheetSection(string HeadingPath, int Level, int StartLine, int EndLine, string Text);

/// <summary>A reference sheet of a pack on disk.</summary>
/// <param name="Pack">The pack's id (its folder name).</param>
/// <param name="Id">The sheet id: its file name without <c>.md</c>.</param>
/// <param name="File">The file's path relative to the folder the pack was loaded from, with '/'.</param>
/// <param name="FullPath">The file's absolute path.</param>
/// <param name="Title">The first level-1 heading, or the id.</param>
/// <param name="Sections">Its sections in order.</param>
public sealed record MarkdownSheet(string Pack, string Id, string File, string FullPath, string Title, ImmutableArray<SheetSection> Sections)
{
    /// <summary>The whole file as read, line endings made '\n': lint reads this, never the file again.</summary>
    public string Text { get; init; } = "";
}

/// <summary>A skill pack on disk: its SKILL.md router and the sheets beside it.</summary>
/// <param name="Id">The pack's folder name (<c>yzmir-ml-production</c>); a skill folder loaded alone is named after itself.</param>
/// <param name="Name">The frontmatter <c>name</c>.</param>
/// <param name="Description">The frontmatter <c>description</c>.</param>
/// <param name="SkillFile">The absolute path of SKILL.md.</param>
/// <param name="Sheets">The sheets beside SKILL.md, by id.</param>
/// <param name="RouterText">SKILL.md as read, line endings made '\n'.</param>
/// <param name="RouterSections">SKILL.md's sections.</param>
/// <param name="Manifest">A routing manifest beside SKILL.md (<c>*.pack.yaml</c>, the built-in pack's format), read and checked; null when there is none.</param>
public sealed record MarkdownPack(
    string Id,
    string Name,
    string Description,
    string SkillFile,
    ImmutableArray<MarkdownSheet> Sheets,
    string RouterText,
    ImmutableArray<SheetSection> RouterSections,
    Packs.RoutingPack? Manifest = null)
{
    /// <summary>The pack's fitted model (<c>*.model.json</c> beside SKILL.md, written by <c>wayfinder fit</c>); null when there is none.</summary>
    public Scoring.RouteModel? Model { get; init; }

    /// <summary>What the pack's plugin says of itself: its <c>.claude-plugin/plugin.json</c> description and its marketplace entry's; empty when there is none.</summary>
    public string PluginDescription { get; init; } = "";

    /// <summary>The folder nothing of this pack is read outside of (its plugin folder, or the skill folder loaded alone), as a real path.</summary>
    public string Root { get; init; } = "";
}
