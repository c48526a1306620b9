using System.Collections.Immutable;

namespace Wayfinder.Marketplace;

/// <summary>
/// The features of routing across packs. Each BM25 score is read against the
/// other candidates' (a z-score), so it reads the same on a pack of five
/// sheets and on a marketplace of four hundred.
/// </summary>
public static class MarketFeatures
{
    /// <summary>
    /// Per pack: its descriptions; its router; its best sheet; its best
    /// section; the best of what its router says about one sheet; the pack
    /// read whole; the claim of a pack that carries its own fitted router (its
    /// confidence in routing the question inside itself, or in handing it to
    /// this pack, times the square of the pack's coverage); the share of the
    /// question's information (the idf of its words) found anywhere in the
    /// pack (its coverage); and the pack's size (log of its sheets, relative).
    /// </summary>
    public static ImmutableArray<string> PackNames { get; } = ["description", "router", "sheet", "section", "passage", "whole", "claim", "coverage", "size"];

    /// <summary>Per sheet in its pack: its whole text; its best section; what the router says about it; its title and headings; its opening (frontmatter, title, first sections); where the rules read from the router's Markdown put it (1 first, 0.5 later, 0 not at all).</summary>
    public static ImmutableArray<string> SheetNames { get; } = ["sheet", "section", "passage", "title", "opening", "rule"];

    internal const int Claim = 6;
    internal const int Coverage = 7;
    internal const int Size = 8;
    internal const int Rule = 5;

    /// <summary>
    /// Writes each candidate's <paramref name="raw"/> score as a z-score (how
    /// many standard deviations above the candidates' mean) into
    /// <paramref name="into"/> at <paramref name="feature"/> of its row; all
    /// zero when the candidates do not differ.
    /// </summary>
    internal static void Relative(ReadOnlySpan<double> raw, Span<double> into, int feature, int width)
    {
        var mean = 0.0;
        foreach (var r in raw)
        {
            mean += r;
        }

        mean /= Math.Max(1, raw.Length);
        var variance = 0.0;
        foreach (var r in raw)
        {
            variance += (r - mean) * (r - mean);
        }

        var deviation = Math.Sqrt(variance / Math.Max(1, raw.Length));
        for (var i = 0; i < raw.Length; i++)
        {
            into[(i * width) + feature] = deviation > 1e-12 ? (raw[i] - mean) / deviation : 0;
        }
    }
}
