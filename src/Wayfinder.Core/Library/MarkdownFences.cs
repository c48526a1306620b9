namespace Wayfinder.Library;

/// <summary>Which lines of a Markdown text are code fences or inside one (``` or ~~~): examples, not prose to read.</summary>
internal static class MarkdownFences
{
    /// <summary>For each line, whether it opens or closes a fence or lies inside one.</summary>
    public static bool[] Mark(IReadOnlyList<string> lines)
    {
        var fenced = new bool[lines.Count];
        var inside = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                inside = !inside;
                fenced[i] = true;
                continue;
            }

            fenced[i] = inside;
        }

        return fenced;
    }
}
