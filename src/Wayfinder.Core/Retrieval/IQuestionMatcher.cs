using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Retrieval;

/// <summary>
/// A way of turning a question into a decision: the default router, or a
/// retrieval baseline (BM25, embeddings). Evaluation runs several side by
/// side on the same questions. Implementations are immutable and may be
/// called from any thread.
/// </summary>
public interface IQuestionMatcher
{
    /// <summary>The name used on the command line and in reports.</summary>
    string Name { get; }

    /// <summary>Routes one question.</summary>
    Decision Match(string question);
}

/// <summary>The router itself, as a matcher.</summary>
internal sealed class RouterMatcher(Router router) : IQuestionMatcher
{
    public string Name => "default";

    public Decision Match(string question) => router.Route(question);
}

/// <summary>Matchers that ship with Core.</summary>
public static class Matchers
{
    /// <summary>The default router over its pack.</summary>
    public static IQuestionMatcher Default(Router router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return new RouterMatcher(router);
    }

    /// <summary>BM25 over <paramref name="corpus"/>; destinations ranked by their best passage.</summary>
    public static IQuestionMatcher Bm25(SheetCorpus corpus, RoutingPack pack) => new Bm25Matcher(corpus, pack);
}
