using System.Collections.Immutable;
using Wayfinder.Context;
using Wayfinder.Decisions;
using Wayfinder.Library;
using Wayfinder.Routing;
using Wayfinder.Serialization;

namespace Wayfinder.Api;

/// <summary>
/// What every host offers (MCP, HTTP, the command line): routing, context for
/// a budget, a sheet and the packs, over one router and one set of packs on
/// disk. Every request is checked here, once, and refused with one
/// <see cref="WayfinderError"/> whose kind each host says its own way. Stateless and
/// immutable after construction, so one instance serves every request on every
/// thread, and decisions are the router's, byte for byte.
/// </summary>
public sealed class WayfinderService
{
    /// <summary>The largest token budget a caller may ask context for.</summary>
    public const int MaxBudget = 200_000;

    private readonly Lazy<Router> _router;
    private readonly Lazy<ImmutableArray<PackInfo>> _packInfos;

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
        : this(new Lazy<Router>(router ?? throw new ArgumentNullException(nameof(router))), library, market, within: null)
    {
    }

    /// <summary>
    /// A service that routes inside the one pack of <paramref name="market"/>
    /// named <paramref name="within"/> when it is given (as <c>route --pack</c>
    /// does for a pack with no manifest of its own), across
    /// <paramref name="market"/> when only it is, and with
    /// <paramref name="router"/> alone otherwise. <paramref name="router"/> is
    /// built the first time it is needed (routing without a market, the pack
    /// list), so a service that routes inside a pack never builds it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="within"/> is given without a market.</exception>
    public WayfinderService(Lazy<Router> router, PackLibrary library, Marketplace.MarketRouter? market, string? within)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(library);
        if (within is not null && market is null)
        {
            throw new ArgumentException("a pack to route inside is one of a market's packs: give the market", nameof(within));
        }

        _router = router;
        Library = library;
        Market = market;
        Within = within;
        _packInfos = new Lazy<ImmutableArray<PackInfo>>(() => Packs(Router.Pack, library));
    }

    /// <summary>The routing pack's router.</summary>
    public Router Router => _router.Value;

    /// <summary>The router across the packs on disk; null when questions go to the built-in pack alone.</summary>
    public Marketplace.MarketRouter? Market { get; }

    /// <summary>The one pack of <see cref="Market"/> questions are routed inside; null when they are routed across every pack.</summary>
    public string? Within { get; }

    /// <summary>The packs on disk: what context and open read.</summary>
    public PackLibrary Library { get; }

    /// <summary>The routing pack, its hand-off packs, and the packs loaded from disk.</summary>
    public ImmutableArray<PackInfo> PackInfos => _packInfos.Value;

    /// <summary>
    /// Refuses a question or answers no route would take, before anything is
    /// loaded: a host that loads packs before its first route calls it to say
    /// so at once. <see cref="Route(string?, IReadOnlyList{string}?)"/> and
    /// <see cref="Context(string?, IReadOnlyList{string}?, int)"/> check the same.
    /// </summary>
    /// <exception cref="WayfinderError">The question is empty, too long or not text, or an answer is not text or too long.</exception>
    public static void Check(string? question, IReadOnlyList<string>? answers)
    {
        Checked(question);
        Answers(answers);
    }

    /// <summary>Refuses a token budget out of range (from 1 to <see cref="MaxBudget"/>), in the words every host says.</summary>
    /// <exception cref="WayfinderError">The budget is out of range.</exception>
    public static void CheckBudget(int budget)
    {
        if (budget is <= 0 or > MaxBudget)
        {
            throw new WayfinderError($"budget must be between 1 and {MaxBudget} tokens, not {budget}");
        }
    }

    /// <summary>Routes a question; earlier answers come back with it.</summary>
    /// <exception cref="WayfinderError">The question is empty, too long or not text.</exception>
    public Decision Route(string? question, IReadOnlyList<string>? answers)
    {
        var text = Checked(question);
        return Decide(text, Answers(answers));
    }

    /// <summary>Routes, then gives the sections of the routed sheets that best answer the question under <paramref name="budget"/> tokens.</summary>
    /// <exception cref="WayfinderError">The question or the budget is not usable.</exception>
    public ContextResult Context(string? question, IReadOnlyList<string>? answers, int budget)
    {
        var text = Checked(question);
        CheckBudget(budget);
        var given = Answers(answers);
        var decision = Decide(text, given);

        // A clarifying question's answers are followed to their sections, so an agent has something to read while it asks.
        return ContextBuilder.Build(text, decision, Library, budget, TokenCounter.O200kBase, more => Decide(text, [.. given, .. more]));
    }

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

    /// <summary>A sheet (<c>PACK/SHEET</c>, any spelling of the pack) as its sections, or one section of it.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public List<ContextSection> Open(string? reference, string? section)
    {
        var (sheet, sections) = Sections(reference, section);
        var counter = TokenCounter.O200kBase;
        return [.. sections.Select(s => new ContextSection(sheet.Pack, sheet.Id, s.HeadingPath, sheet.File, s.StartLine, s.EndLine, counter.Count(s.Text), s.Text))];
    }

    /// <summary>
    /// A sheet's sections, or the one whose heading (or heading path) is
    /// <paramref name="section"/>, without token counts: for a host that
    /// prints only their text.
    /// </summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded, or the section is not there.</exception>
    public (MarkdownSheet Sheet, ImmutableArray<SheetSection> Sections) Sections(string? reference, string? section)
    {
        var sheet = Find(reference);
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

    /// <summary>The sheet a <c>PACK/SHEET</c> reference names among the packs on disk.</summary>
    /// <exception cref="WayfinderError">The reference is malformed, or names nothing loaded.</exception>
    public MarkdownSheet Find(string? reference)
    {
        var slash = reference?.LastIndexOf('/') ?? -1;
        if (reference is null || slash <= 0 || slash == reference.Length - 1)
        {
            throw new WayfinderError($"name a sheet as PACK/SHEET, e.g. yzmir-ml-production/model-serving-patterns (got '{reference}')");
        }

        if (Library.FindSheet(reference[..slash], reference[(slash + 1)..]) is { } sheet)
        {
            return sheet;
        }

        throw Library.Ambiguity(reference[..slash]) is { } ambiguity
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

    /// <summary>The decision for a checked question: inside <see cref="Within"/>, across <see cref="Market"/>, or by <see cref="Router"/>.</summary>
    private Decision Decide(string question, IReadOnlyList<string> answers) =>
        Market is null ? Router.Route(question, answers)
        : Within is { } pack ? Market.RouteIn(pack, question, answers)
        : Market.Route(question, answers);

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
