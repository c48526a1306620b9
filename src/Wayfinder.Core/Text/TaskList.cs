namespace Wayfinder.Text;

/// <summary>
/// Recognises a question that lists several tasks ("quantize it and then
/// serve it", "write post-mortems and set up alerting", "drift alerts, and
/// also prune it"): those are read in execution order, whatever carries more
/// words. A question about one thing that mentions others in passing is not a
/// task list.
/// </summary>
internal static class TaskList
{
    /// <summary>Connectives that add a further task.</summary>
    private static readonly string[][] Connectives =
    [
        ["and", "then"], ["and", "also"], ["as", "well", "as"], ["after", "that"], ["and", "afterward"], ["and", "afterwards"],
        ["then", "also"], ["and", "later"], ["and", "finally"],
    ];

    /// <summary>Verbs that start a task when they follow "and" ("… and set up alerting").</summary>
    private static readonly HashSet<string> TaskVerbs = new(StringComparer.Ordinal)
    {
        "set", "add", "build", "create", "write", "deploy", "ship", "monitor", "track", "log", "automate", "prune",
        "quantize", "quantise", "compress", "scale", "roll", "put", "make", "wire", "hook", "start", "begin", "version",
        "alert", "serve", "expose", "containerize", "containerise", "distill", "distil", "retrain", "schedule",
    };

    /// <summary>Words that open a list of things to do ("two things", "first … second …").</summary>
    private static readonly string[][] Openers =
    [
        ["two", "thing"], ["three", "thing"], ["few", "thing"], ["couple", "of", "thing"], ["several", "thing"],
        ["firstly"], ["secondly"],
    ];

    public static bool IsTaskList(IReadOnlyList<Token> tokens)
    {
        var first = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var opener in Openers)
            {
                if (StartsAt(tokens, i, opener))
                {
                    return true;
                }
            }

            if (tokens[i].Text == "first")
            {
                first = true;
            }
            else if (first && tokens[i].Text is "second" or "then" or "next")
            {
                return true;
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var connective in Connectives)
            {
                if (StartsAt(tokens, i, connective))
                {
                    return true;
                }
            }

            if (tokens[i].Text == "and" && i + 1 < tokens.Count && TaskVerbs.Contains(tokens[i + 1].Text))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsAt(IReadOnlyList<Token> tokens, int at, string[] words)
    {
        if (at + words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            if (tokens[at + k].Text != words[k])
            {
                return false;
            }
        }

        return true;
    }
}
