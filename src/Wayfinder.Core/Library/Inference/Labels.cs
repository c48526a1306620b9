namespace Wayfinder.Library.Inference;

/// <summary>
/// The labels a router opens a line with (<c>**Symptoms**:</c>, <c>**Routes to**:</c>,
/// <c>**Ask**:</c>, <c>**Query**:</c>), read from a line's plain text, where the
/// emphasis marks are already gone.
/// </summary>
internal static class Labels
{
    /// <summary>Symptoms of a concern; the colon may be missing ("Symptoms include …").</summary>
    public static readonly string[] Symptoms = ["symptoms", "symptom"];

    /// <summary>What users say about the pack as a whole (its "when to use"), read as symptoms where a concern lists them.</summary>
    public static readonly string[] UserMentions = ["user mentions"];

    public static readonly string[] RoutesTo = ["routes to", "route to", "load"];

    public static readonly string[] Ask = ["ask", "key question"];

    public static readonly string[] Query = ["query"];

    /// <summary>Whether <paramref name="line"/> opens with one of <paramref name="labels"/> (any case) and, except for symptoms, a colon after it.</summary>
    public static bool Is(string line, string[] labels)
    {
        var text = line.TrimStart();
        foreach (var label in labels)
        {
            if (!text.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (labels == Symptoms || labels == UserMentions)
            {
                return true;
            }

            // "Key question to ask:": the label may run on to its colon.
            var rest = text[label.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && (rest[..colon].Trim().Length == 0 || (labels == Ask && label == "key question" && !rest[..colon].Contains('"', StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What follows a line's label and its colon.</summary>
    public static string After(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? "" : line[(colon + 1)..].Trim();
    }
}
