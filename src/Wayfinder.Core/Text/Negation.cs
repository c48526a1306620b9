namespace Wayfinder.Text;

/// <summary>
/// Recognises a term the question sets aside: "no training involved",
/// "without Kubernetes", "training was fine", "latency is not the problem".
/// A negated verb ("doesn't converge") is still the topic, so only these
/// dismissals count.
/// </summary>
internal static class Negation
{
    private static readonly HashSet<string> Before = new(StringComparer.Ordinal) { "no", "without" };
    private static readonly HashSet<string> Copula = new(StringComparer.Ordinal) { "is", "wa", "was", "are", "were", "seem", "seems", "look", "looks", "isn", "wasn", "aren", "weren" };
    private static readonly HashSet<string> Fine = new(StringComparer.Ordinal) { "fine", "ok", "okay", "good", "great", "normal", "fast" };

    public static bool IsDismissed(IReadOnlyList<Token> tokens, TermHit hit)
    {
        var first = hit.FirstToken;
        if (first > 0 && Before.Contains(tokens[first - 1].Text))
        {
            return true;
        }

        // "nothing is broken"
        if (first > 1 && tokens[first - 2].Text == "nothing" && Copula.Contains(tokens[first - 1].Text))
        {
            return true;
        }

        var after = hit.FirstToken + hit.TokenCount;
        if (after + 1 >= tokens.Count || !Copula.Contains(tokens[after].Text))
        {
            return false;
        }

        var next = tokens[after + 1].Text;
        if (Fine.Contains(next))
        {
            return true;
        }

        // "is not the problem", "isn't the issue", "is no problem", "is not an issue"
        if (next is not ("not" or "t" or "no"))
        {
            return false;
        }

        var rest = after + 2;
        if (rest < tokens.Count && tokens[rest].Text is "the" or "a" or "an")
        {
            rest++;
        }

        return rest < tokens.Count && tokens[rest].Text is "problem" or "issue" or "bottleneck" or "cause" or "concern";
    }
}
