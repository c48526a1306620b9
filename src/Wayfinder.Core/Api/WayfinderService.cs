using System.Collections.Immutable;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Api;

/// <summary>
/// What every host offers (MCP, HTTP): routing, context for a budget, a sheet
/// and the packs, over one router and one set of packs on disk. Stateless and
/// immutable after construction, so one instance serves every request on every
/// thread, and decisions are the router's, byte for byte.
/// </summary>
public sealed class WayfinderService
{
    /// <summary>The largest token budget a caller may ask context for.</summary>
    public const int MaxBudget = 200_000;

    /// <summary>A service that routes with <paramref name="router"/> alone and reads sheets from <paramref name="library"/>.</summary>
    /// <param name="router">The routing pack's router, e.g. <see cref="Router.CreateBuiltIn"/>.</param>
    /// <param name="library">The packs on disk whose sheets context and open read.</param>
    public WayfinderService(Router router, PackLibrary library)
        : this(router, library, null)
    {
    }

    /// <summary>
    /// A service that routes across <paramref name="market"/> (every pack on
    /// disk, the built-in pack standing in for its twin) when it is given, and
    /// with <paramref name="router"/> alone otherwise.
    /// </summary>
    public WayfinderService(Router router, PackLibrary library, Marketplace.MarketRouter? market)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(library);
        Router = router;
        Library = library;
        Market = market;
        PackInfos = Packs(router.Pack, library);
    }

    /// <summary>The routing pack's router.</summary>
    public Router Router { get; }

    /// <summary>The router across the packs on disk; null when questions go to the built-in pack alone.</summary>
    public Marketplace.MarketRouter? Market { get; }

    /// <summary>The packs on disk: what context and open read.</summary>
    public PackLibrary Library { get; }

    /// <summary>The routing pack, its hand-off packs, and the packs loaded from disk.</summary>
    public ImmutableArray<PackInfo> PackInfos { get; }

    /// <summary>Routes a question; earlier answers come back with it.</summary>
    /// <exception cref="WayfinderError">The question is empty, too long or not text.</exception>
    public Decision Route(string? question, IReadOnlyList<string>? answers)
    {
        var text = Checked(question);
        return Market?.Route(text, Answers(answers)) ?? Router.Route(text, Answers(answers));
    }

    /// <summary>Routes, then gives the sections of the routed sheets that best answer the question under <paramref name="budget"/> tokens.</summary>
    /// <exception cref="WayfinderError">The question or the budget is not usable.</exception>
    public ContextResult Context(string? question, IReadOnlyList<string>? answers, int budget)
    {
        var text = Checked(question);
        if (budget is <= 0 or > MaxBudget)
        {
            throw new WayfinderError($"budget must be between 1 and {MaxBudget} tokens, not {budget}");
        }

        var given = Answers(answers);
        Decision Route(IReadOnlyList<string> all) => Market?.Route(text, all) ?? Router.Route(text, all);
        var decision = Route(given);

        // A clarifying question's answers are followed to their sections, so an agent has something to read while it asks.
        return ContextBuilder.Build(text, decision, Library, budget, TokenCounter.O200kBase, more => Route([.. given, .. more]));
    }

    /// <summary>A sheet (<c>PACK/SHEET</c>, any spelling of the pack) as its sections, or one section of it.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public List<ContextSection> Open(string? reference, string? section) => Open(Library, reference, section);

    /// <summary>Routes a request of named values (an HTTP body, a tool's arguments): <c>question</c>, optional <c>answers</c>.</summary>
    /// <exception cref="WayfinderError">A value is missing, unknown, of the wrong kind or unusable.</exception>
    public Decision Route(RequestArguments request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Allow("question", "answers");
        return Route(request.Text("question", required: true), request.Texts("answers"));
    }

    /// <summary>Context for a request of named values: <c>question</c>, optional <c>answers</c> and <c>budget</c>.</summary>
    /// <exception cref="WayfinderError">A value is missing, unknown, of the wrong kind or unusable.</exception>
    public ContextResult Context(RequestArguments request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Allow("question", "answers", "budget");
        return Context(request.Text("question", required: true), request.Texts("answers"), request.Integer("budget") ?? ContextBuilder.DefaultBudget);
    }

    /// <summary>A sheet for a request of named values: <c>sheet</c> as <c>PACK/SHEET</c>, optional <c>section</c>.</summary>
    /// <exception cref="WayfinderError">A value is missing, unknown or of the wrong kind, or the sheet is not loaded.</exception>
    public List<ContextSection> Open(RequestArguments request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Allow("sheet", "section");
        return Open(request.Text("sheet", required: true), request.Text("section", required: false));
    }

    /// <summary>The packs (<see cref="PackInfos"/>) for a request of named values, which takes none.</summary>
    /// <exception cref="WayfinderError">The request gives a value.</exception>
    public ImmutableArray<PackInfo> ListPacks(RequestArguments request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Allow();
        return PackInfos;
    }

    /// <summary>The sheet a <c>PACK/SHEET</c> reference names among the packs on disk.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public MarkdownSheet Find(string? reference) => Find(Library, reference);

    /// <summary>A sheet of <paramref name="library"/> as its sections, or one section of it (for hosts without a router).</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public static List<ContextSection> Open(PackLibrary library, string? reference, string? section)
    {
        var (sheet, sections) = Sections(library, reference, section);
        var counter = TokenCounter.O200kBase;
        return [.. sections.Select(s => new ContextSection(sheet.Pack, sheet.Id, s.HeadingPath, sheet.File, s.StartLine, s.EndLine, counter.Count(s.Text), s.Text))];
    }

    /// <summary>A sheet's sections, or the one whose heading (or heading path) is <paramref name="section"/>, without token counts.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded, or the section is not there.</exception>
    public static (MarkdownSheet Sheet, ImmutableArray<SheetSection> Sections) Sections(PackLibrary library, string? reference, string? section)
    {
        var sheet = Find(library, reference);
        var sections = section is null or ""
            ? sheet.Sections
            : [.. sheet.Sections.Where(s => s.HeadingPath.Equals(section, StringComparison.OrdinalIgnoreCase)
                || s.HeadingPath.EndsWith(" > " + section, StringComparison.OrdinalIgnoreCase))];
        if (sections.IsEmpty)
        {
            throw new WayfinderError(WayfinderErrorKind.NotFound, $"'{sheet.Pack}/{sheet.Id}' has no section '{section}'");
        }

        return (sheet, sections);
    }

    /// <summary>The sheet a <c>PACK/SHEET</c> reference names among the packs of <paramref name="library"/>.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public static MarkdownSheet Find(PackLibrary library, string? reference)
    {
        ArgumentNullException.ThrowIfNull(library);
        var slash = reference?.LastIndexOf('/') ?? -1;
        if (reference is null || slash <= 0 || slash == reference.Length - 1)
        {
            throw new WayfinderError($"name a sheet as PACK/SHEET, e.g. yzmir-ml-production/model-serving-patterns (got '{reference}')");
        }

        if (library.FindSheet(reference[..slash], reference[(slash + 1)..]) is { } sheet)
        {
            return sheet;
        }

        throw library.Ambiguity(reference[..slash]) is { } ambiguity
            ? new WayfinderError(ambiguity)
            : new WayfinderError(WayfinderErrorKind.NotFound, $"no sheet '{reference}' among the loaded packs");
    }

    /// <summary>The routing pack, its hand-off packs, and the packs loaded from disk.</summary>
    public static ImmutableArray<PackInfo> Packs(Packs.RoutingPack pack, PackLibrary library)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(library);
        // One entry per pack: a routing or hand-off pack that is also on disk says so, rather than being listed twice.
        var named = new HashSet<string>([pack.Id, .. pack.SisterPacks.Select(s => s.Id)], StringComparer.Ordinal);
        bool Loaded(string id) => library.Packs.Any(p => p.Id == id);
        return [
            new PackInfo(pack.Id, pack.Title, "routing", pack.Sheets.Length, pack.Summary, Loaded(pack.Id)),
            .. pack.SisterPacks.Select(s => new PackInfo(s.Id, s.Title, "hand-off", s.Sheets.Length, s.Owns, Loaded(s.Id))),
            .. library.Packs.Where(p => !named.Contains(p.Id)).Select(p => new PackInfo(p.Id, p.Name, "on disk", p.Sheets.Length, p.Description, OnDisk: true)),
        ];
    }

    private static string Checked(string? question)
    {
        if (QuestionGuard.Check(question) is { } problem)
        {
            throw new WayfinderError(QuestionGuard.KindOf(question), problem);
        }

        return question!;
    }

    private static IReadOnlyList<string> Answers(IReadOnlyList<string>? answers)
    {
        if (answers is null)
        {
            return [];
        }

        foreach (var answer in answers)
        {
            if (QuestionGuard.CheckAnswers([answer]) is { } problem)
            {
                throw new WayfinderError(answer is null ? WayfinderErrorKind.Invalid : WayfinderErrorKind.TooLarge, problem);
            }
        }

        return answers;
    }
}
