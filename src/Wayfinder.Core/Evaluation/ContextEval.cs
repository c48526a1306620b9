using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Wayfinder.Context;
using Wayfinder.Decisions;

namespace Wayfinder.Evaluation;

/// <summary>One question with the sections that answer it: <c>pack/sheet#Heading &gt; Path</c>, and the sheets right to read first.</summary>
public sealed record ContextGold(string Id, string Split, string Query, ImmutableArray<string> AcceptFirst, ImmutableArray<string> Sections);

/// <summary>How one way of choosing context did on a set of questions, under one budget.</summary>
/// <param name="Method">What chose the sections (<c>wayfinder</c>, <c>bm25-sections</c>).</param>
/// <param name="Questions">Questions scored.</param>
/// <param name="RightSheet">Share with a section of a right sheet in the budget.</param>
/// <param name="RightSection">Share with a right section in the budget.</param>
/// <param name="FirstRightSheet">Share whose first section is from a right sheet.</param>
/// <param name="MeanTokens">Tokens used, on average.</param>
/// <param name="Clarified">Questions the router asked about first.</param>
/// <param name="ClarifiedWithSections">Of those, how many still got sections.</param>
public sealed record ContextScore(string Method, int Questions, double RightSheet, double RightSection, double FirstRightSheet, double MeanTokens, int Clarified, int ClarifiedWithSections);

/// <summary>
/// Scores context against section labels: for each question, whether a
/// section of a right sheet, and a right section, are in the budget, whether
/// the first section comes from a right sheet, and the tokens used; for
/// Wayfinder and, in the same run, for plain BM25 over every section.
/// </summary>
public static class ContextEval
{
    /// <summary>Reads a section-labels file (JSON Lines: <c>id</c>, <c>split</c>, <c>query</c>, <c>accept_first</c>, <c>sections</c>); a bad line is an error naming its line.</summary>
    public static ImmutableArray<ContextGold> Read(string path, out ImmutableArray<string> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        var items = ImmutableArray.CreateBuilder<ContextGold>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
                ImmutableArray<string> List(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
                    ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                    : [];
                var item = new ContextGold(Text("id"), Text("split"), Text("query"), List("accept_first"), List("sections"));
                if (item.Query.Length == 0 || item.Sections.IsEmpty)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: needs a query and at least one section"));
                    continue;
                }

                items.Add(item);
            }
            catch (JsonException ex)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: not JSON: {ex.Message.Split(". ")[0]}"));
            }
        }

        errors = problems.ToImmutable();
        return items.ToImmutable();
    }

    /// <summary>Scores <paramref name="choose"/> (sections for a question, and the decision when there is one) on <paramref name="gold"/>.</summary>
    public static ContextScore Score(string method, IReadOnlyList<ContextGold> gold, Func<ContextGold, (IReadOnlyList<ContextSection> Sections, Decision? Decision)> choose)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(choose);
        int sheet = 0, section = 0, first = 0, clarified = 0, clarifiedWith = 0;
        long tokens = 0;
        foreach (var item in gold)
        {
            var (sections, decision) = choose(item);
            var sheets = item.AcceptFirst.Concat(item.Sections.Select(s => s.Split('#')[0])).ToHashSet(StringComparer.Ordinal);
            bool RightSheet(ContextSection s) => sheets.Contains($"{s.Pack}/{s.Sheet}") || sheets.Contains($"{s.Pack}/*");
            sheet += sections.Any(RightSheet) ? 1 : 0;
            section += sections.Any(s => item.Sections.Contains($"{s.Pack}/{s.Sheet}#{s.HeadingPath}")) ? 1 : 0;
            first += sections.Count > 0 && RightSheet(sections[0]) ? 1 : 0;
            tokens += sections.Sum(s => s.Tokens);
            if (decision?.Status == DecisionStatus.Clarify)
            {
                clarified++;
                clarifiedWith += sections.Count > 0 ? 1 : 0;
            }
        }

        double Share(int n) => gold.Count == 0 ? 0 : 100.0 * n / gold.Count;
        return new ContextScore(method, gold.Count, Share(sheet), Share(section), Share(first), gold.Count == 0 ? 0 : (double)tokens / gold.Count, clarified, clarifiedWith);
    }
}
