using System.Collections.Immutable;
using Wayfinder.Packs;
using Wayfinder.Scoring;
using Wayfinder.Text;

namespace Wayfinder.Routing;

/// <summary>
/// Builds an immutable <see cref="Router"/>: validates the pack and compiles
/// its terms once, so that routing does no set-up work.
/// </summary>
public sealed class RouterBuilder
{
    private RoutingPack? _pack;

    private RouteModel? _model;

    private RouterOptions _options = RouterOptions.Default;

    /// <summary>Composes routes with these settings (checked by <see cref="Build"/>).</summary>
    internal RouterBuilder UseOptions(RouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>The id of the question asked when nothing in a question points anywhere.</summary>
    public const string ConcernQuestionId = "concern";

    /// <summary>Routes with this pack (and, unless <see cref="UseModel"/> follows, an unfitted model). Calling it again replaces the pack.</summary>
    public RouterBuilder UsePack(RoutingPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _pack = pack;
        _model = null;
        return this;
    }

    /// <summary>Routes with the built-in ml-production pack and its fitted model.</summary>
    public RouterBuilder UseBuiltInPack() => UsePack(BuiltInPack.Value).UseModel(BuiltInPack.Model);

    /// <summary>Weighs the router's signals with this fitted model (<c>wayfinder fit</c>); without one, an unfitted model.</summary>
    public RouterBuilder UseModel(RouteModel? model)
    {
        _model = model;
        return this;
    }

    /// <summary>Builds the router.</summary>
    /// <exception cref="InvalidOperationException">No pack was given.</exception>
    /// <exception cref="ArgumentException">The options cannot be used (the message names each bad setting), or the model is another pack's.</exception>
    public Router Build()
    {
        var pack = _pack ?? throw new InvalidOperationException("No pack: call UsePack or UseBuiltInPack before Build.");
        if (_model is { } model && model.Pack != pack.Id)
        {
            throw new ArgumentException($"The model was fitted for pack '{model.Pack}', not '{pack.Id}'.");
        }

        if (_options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"Router options cannot be used: {string.Join("; ", problems)}.");
        }

        var count = 0;
        foreach (var facet in pack.Facets)
        {
            count += facet.Terms.Length;
        }

        var terms = new List<(string Facet, string Term)>(count);
        foreach (var facet in pack.Facets)
        {
            foreach (var term in facet.Terms)
            {
                terms.Add((facet.Id, term));
            }
        }

        return new Router(pack, new TermMatcher(terms), FallbackQuestion(pack), _model ?? RouteModel.Unfitted(pack.Id), _options);
    }

    /// <summary>
    /// The question asked when no concern can be identified: the pack's own
    /// <c>concern</c> question, or one made from its concerns (each answer
    /// routes to that concern's sheets in stage order).
    /// </summary>
    private static Question FallbackQuestion(RoutingPack pack)
    {
        if (pack.QuestionsById.TryGetValue(ConcernQuestionId, out var own))
        {
            return own;
        }

        var options = pack.Concerns.Where(c => pack.Sheets.Any(s => s.ConcernId == c.Id)).Select(c => new QuestionOption(
            c.Id,
            c.Title,
            [],
            null,
            [.. pack.Sheets.Where(s => s.ConcernId == c.Id).OrderBy(s => s.Stage).Select(s => new Target(pack.Id, s.Id, null))])).ToImmutableArray();
        return new Question(ConcernQuestionId, $"Which of these is your concern: {string.Join("; ", pack.Concerns.Select(c => c.Title))}?", options);
    }
}
