namespace Wayfinder.Hosting;

/// <summary>
/// What <see cref="WayfinderServiceCollectionExtensions.AddWayfinder(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{WayfinderOptions})"/>
/// loads. Every default is here; the options are checked when the app starts
/// (or, without a host, when the service is first asked for), and a problem
/// names the option and the value.
/// </summary>
public sealed class WayfinderOptions
{
    /// <summary>
    /// Skill folders to load, each holding a <c>SKILL.md</c> and its sheets.
    /// None by default: the built-in ml-production pack routes alone, and
    /// <c>context</c> and <c>open_sheet</c> read only what is loaded.
    /// </summary>
    /// <value>The default is none.</value>
    public IList<string> SkillFolders { get; } = [];

    /// <summary>
    /// Marketplace folders to load, with their packs below them
    /// (<c>PACK/skills/SKILL/SKILL.md</c>).
    /// </summary>
    /// <value>The default is none.</value>
    public IList<string> Marketplaces { get; } = [];

    /// <summary>
    /// Whether questions route across every pack loaded (the built-in pack
    /// standing in for its twin) when any pack is loaded; otherwise the
    /// built-in pack routes, and the packs on disk only give the text.
    /// </summary>
    /// <value>The default is <see langword="true"/>, as the command line's <c>--packs</c> routes.</value>
    public bool RouteAcrossPacks { get; set; } = true;

    /// <summary>
    /// Whether a pack that fails to load is an error: the service, when first
    /// asked for, throws an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// naming every problem with its file and line. Otherwise each problem is
    /// logged as a warning, and the other packs still load.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool FailOnLoadProblems { get; set; }
}
