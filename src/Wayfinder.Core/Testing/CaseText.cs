using System.Globalization;
using System.Text;

namespace Wayfinder.Testing;

/// <summary>A case's result in words, the same in every report: what was expected, what was chosen, and why.</summary>
public static class CaseText
{
    /// <summary>What a case expected: its destinations, or for a trigger query whether its pack should be chosen.</summary>
    public static string Expected(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ShouldTrigger switch
        {
            true => $"{result.Pack} chosen",
            false => $"{result.Pack} not chosen",
            null => string.Join(" or ", result.Expected),
        };
    }

    /// <summary>What was chosen, with the decision's status, basis and confidence.</summary>
    public static string Chosen(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var d = result.Decision;
        var basis = d.Basis is null ? "" : $", basis {d.Basis}";
        return string.Create(CultureInfo.InvariantCulture, $"{result.Chosen} ({d.Status}{basis}, confidence {d.Confidence:0.###})");
    }

    /// <summary>A failed case explained, one line each: the detail, expected, chosen, then every piece of the decision's evidence.</summary>
    public static IEnumerable<string> Lines(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Detail.Length > 0)
        {
            yield return result.Detail;
        }

        yield return $"expected: {Expected(result)}";
        yield return $"chosen:   {Chosen(result)}";
        foreach (var e in result.Decision.Evidence)
        {
            yield return $"  - {e.Kind} {e.Ref}: {e.Text}";
        }
    }

    /// <summary>The lines of <see cref="Lines"/> under the query, as one text.</summary>
    public static string Explain(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("query: ").AppendLine(FirstLine(result.Query, int.MaxValue));
        foreach (var line in Lines(result))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>The first line of a query, cut to <paramref name="length"/> characters with "..." when longer.</summary>
    public static string FirstLine(string query, int length)
    {
        ArgumentNullException.ThrowIfNull(query);
        var line = query.Split('\n')[0].Trim();
        return line.Length <= length ? line : line[..(length - 3)] + "...";
    }
}
