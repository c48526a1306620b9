using System.Globalization;
using System.Text;

namespace Wayfinder.Benchmarks;

/// <summary>
/// Markdown made to hurt a parser or a linter: deep nesting, long runs of one
/// delimiter, thousands of links or code spans on one line, wide tables. Each
/// case is generated at any size, from a seed, so the same case is the same
/// bytes in a test and in a benchmark. Shared by the fuzz-style tests (small
/// sizes, many seeds) and the benchmarks (large sizes, a time per case).
/// </summary>
public static class PathologicalMarkdown
{
    /// <summary>The kinds of case, by name.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "nested-quotes", "nested-lists", "quotes-and-lists", "open-brackets", "nested-brackets", "nested-link-labels",
        "star-run", "underscore-run", "alternating-emphasis", "nested-strong", "links-on-one-line", "code-spans-on-one-line",
        "backtick-runs", "html-tags", "wide-table", "long-table", "headings", "entities", "autolinks",
        "reference-definitions", "symptom-lines", "count-claims", "parentheses", "long-words", "mixed-delimiters",
    ];

    /// <summary>Case <paramref name="kind"/> with about <paramref name="size"/> repetitions of its unit, varied by <paramref name="seed"/>.</summary>
    public static string Make(string kind, int size, int seed = 0)
    {
        var random = new Random(seed);
        var text = new StringBuilder("# Pathological ").Append(kind).Append("\n\n");
        string Repeat(string unit, int n) => string.Concat(Enumerable.Repeat(unit, n));
        switch (kind)
        {
            case "nested-quotes":
                text.Append(Repeat(">", size)).Append(" deep\n");
                break;
            case "nested-lists":
                for (var i = 0; i < size; i++)
                {
                    text.Append(' ', 2 * i).Append(random.Next(2) == 0 ? "- " : "1. ").Append("item\n");
                }

                break;
            case "quotes-and-lists":
                for (var i = 0; i < size; i++)
                {
                    text.Append(Repeat("> - ", i % 200)).Append("x\n");
                }

                break;
            case "open-brackets":
                text.Append(Repeat("[", size)).Append('\n');
                break;
            case "nested-brackets":
                text.Append(Repeat("[", size)).Append(Repeat("]", size)).Append('\n');
                break;
            case "nested-link-labels":
                text.Append(Repeat("[a", size)).Append(Repeat("](b.md)", size)).Append('\n');
                break;
            case "star-run":
                text.Append(Repeat("*", size)).Append('\n');
                break;
            case "underscore-run":
                text.Append(Repeat("_", size)).Append("x\n");
                break;
            case "alternating-emphasis":
                text.Append(Repeat("*a", size)).Append(Repeat("a*", size)).Append('\n');
                break;
            case "nested-strong":
                text.Append(Repeat("**", size)).Append('x').Append(Repeat("**", size)).Append('\n');
                break;
            case "links-on-one-line":
                // Ten bytes a link, so 100,000 of them make a 1 MB line; every twentieth names a sheet that is not there.
                for (var i = 0; i < size; i++)
                {
                    text.Append(random.Next(20) == 0 ? "[x](n.md) " : "[a](s.md) ");
                }

                text.Append('\n');
                break;
            case "code-spans-on-one-line":
                for (var i = 0; i < size; i++)
                {
                    text.Append("`pack-").Append(random.Next(50)).Append("/sheet-").Append(random.Next(size)).Append(".md` ");
                }

                text.Append('\n');
                break;
            case "backtick-runs":
                for (var i = 1; i <= size; i++)
                {
                    text.Append('`', i % 64 + 1).Append(' ');
                }

                text.Append('\n');
                break;
            case "html-tags":
                text.Append(Repeat("<div>", size)).Append(Repeat("</div>", size)).Append('\n');
                break;
            case "wide-table":
                text.Append('|').Append(Repeat(" a |", size)).Append("\n|").Append(Repeat("---|", size)).Append("\n|").Append(Repeat(" 1 |", size)).Append('\n');
                break;
            case "long-table":
                text.Append("| a | b |\n|---|---|\n");
                for (var i = 0; i < size; i++)
                {
                    text.Append("| [x](y").Append(i).Append(".md) | `z").Append(i).Append(".md` |\n");
                }

                break;
            case "headings":
                for (var i = 0; i < size; i++)
                {
                    text.Append('#', i % 6 + 1).Append(" heading ").Append(i).Append("\n\ntext\n\n");
                }

                break;
            case "entities":
                text.Append(Repeat("&amp;&#123;&#x1F600;&bogus", size)).Append('\n');
                break;
            case "autolinks":
                text.Append(Repeat("<http://a.example/b> ", size)).Append('\n');
                break;
            case "reference-definitions":
                for (var i = 0; i < size; i++)
                {
                    text.Append("[r").Append(i).Append("]: sheet-").Append(i).Append(".md\n");
                }

                text.Append(Repeat("[r1] ", size)).Append('\n');
                break;
            case "symptom-lines":
                for (var i = 0; i < size; i++)
                {
                    text.Append("## Concern ").Append(i % 7).Append("\n\n**Symptoms**: \"slow ").Append(random.Next(size)).Append("\", \"a\"\n\n");
                }

                break;
            case "count-claims":
                text.Append(Repeat("( ", size)).Append(Repeat("exactly ", size)).Append("12 sheets ").Append(Repeat("contains 3 ", size)).Append('\n');
                break;
            case "parentheses":
                text.Append("[x](").Append(Repeat("(", size)).Append(Repeat(")", size)).Append(")\n");
                break;
            case "long-words":
                text.Append(new string('a', size * 10)).Append(".md ").Append(Repeat("a-", size)).Append(".md\n");
                break;
            case "mixed-delimiters":
                const string Delimiters = "[]()*_`<>!\\&\"'|#>-+ ";
                for (var i = 0; i < size * 4; i++)
                {
                    text.Append(Delimiters[random.Next(Delimiters.Length)]);
                }

                text.Append('\n');
                break;
            default:
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"no such case: {kind}"), nameof(kind));
        }

        return text.ToString();
    }

    /// <summary>Writes one pack holding the case as a sheet and inside its SKILL.md, under <paramref name="market"/>; returns the skill folder.</summary>
    public static string WritePack(string market, string kind, int size, int seed = 0)
    {
        var skill = Path.Combine(market, "acme-" + kind, "skills", "using-" + kind);
        Directory.CreateDirectory(skill);
        var body = Make(kind, size, seed);
        File.WriteAllText(Path.Combine(skill, "SKILL.md"),
            $"---\nname: using-{kind}\ndescription: A pack made to stress readers.\n---\n# Router\n\n- [sheet.md](sheet.md) - the case itself\n\n{body}");
        File.WriteAllText(Path.Combine(skill, "sheet.md"), body);
        File.WriteAllText(Path.Combine(skill, "s.md"), "# S\n\nA sheet links point at.\n");
        return skill;
    }
}
