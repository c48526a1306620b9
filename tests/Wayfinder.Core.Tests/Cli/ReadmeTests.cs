using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Wayfinder.Cli;
using Wayfinder.Core.Tests.Support;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>
/// The README held to the command line as it is: its command table names
/// every command the CLI defines, and its examples show what the commands
/// print. "..." stands for what an example leaves out: a line of its own for
/// any number of lines, inside a line for any text.
/// </summary>
public sealed class ReadmeTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(SourceTree.Root, "README.md")).ReplaceLineEndings("\n");

    private static readonly MarkdownDocument Document = Markdown.Parse(Text, new MarkdownPipelineBuilder().UsePipeTables().Build());

    [Fact]
    public void Readme_CommandTable_HoldsEveryCommandTheCliDefines()
    {
        var section = Section("Commands");
        var table = Assert.Single(section.OfType<Table>());
        var rows = table.OfType<TableRow>().Where(r => !r.IsHeader).ToList();

        Assert.DoesNotContain(section.OfType<ParagraphBlock>(), p => Text.AsSpan(p.Span.Start, p.Span.Length).StartsWith("|", StringComparison.Ordinal));
        var named = rows.Select(r => ((TableCell)r[0]).Descendants<CodeInline>().First().Content.Split(' ')).ToList();
        Assert.All(named, words => Assert.Equal(CliRoot.Name, words[0]));
        var defined = WayfinderCommand.Create(() => TextReader.Null, TextWriter.Null, TextWriter.Null).Subcommands.Select(c => c.Name);
        Assert.Equal(defined.Order(StringComparer.Ordinal), named.Select(words => words[1]).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Readme_ThirtySeconds_ShowsTheSlowModelQuestion()
    {
        Assert.Contains("wayfinder route \"my model is too slow\"", Examples().Select(e => e.Command));
    }

    public static TheoryData<string> ThirtySecondsCommands() => [.. Examples().Select(e => e.Command)];

    [Theory]
    [MemberData(nameof(ThirtySecondsCommands))]
    public void Readme_ThirtySecondsExample_IsWhatTheCommandPrints(string command)
    {
        var shown = Examples().Single(e => e.Command == command).Shown;
        var args = Shell.Words(command);

        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.Ok, result.ExitCode);
        var printed = result.Out.Split('\n')[..^1];
        if (args.Contains("--json"))
        {
            // The JSON is one line, shown over several: the shown lines joined must be the line, "..." left out.
            Assert.Matches(Pattern(string.Concat(shown.Select(l => l.Trim()))), Assert.Single(printed));
        }
        else
        {
            Assert.True(Shows(shown, 0, printed, 0), $"README.md shows:\n{string.Join('\n', shown)}\n\nthe command prints:\n{result.Out}");
        }
    }

    /// <summary>The blocks under the level-2 heading <paramref name="title"/>, up to the next one.</summary>
    private static List<Block> Section(string title)
    {
        var blocks = Document.SkipWhile(b => !(b is HeadingBlock { Level: 2 } h && Text.AsSpan(h.Span.Start, h.Span.Length).Trim().SequenceEqual("## " + title))).ToList();
        Assert.NotEmpty(blocks);
        return [.. blocks.Skip(1).TakeWhile(b => b is not HeadingBlock { Level: 2 })];
    }

    /// <summary>The "In 30 seconds" console block: each <c>$ </c> command with the lines shown under it.</summary>
    private static List<(string Command, List<string> Shown)> Examples()
    {
        var code = Assert.Single(Section("In 30 seconds").OfType<FencedCodeBlock>());
        var examples = new List<(string Command, List<string> Shown)>();
        foreach (var line in code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString()))
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal))
            {
                examples.Add((line[2..], []));
            }
            else
            {
                Assert.NotEmpty(examples);
                examples[^1].Shown.Add(line);
            }
        }

        // A blank line before the next command only separates the examples.
        foreach (var (_, shown) in examples)
        {
            while (shown.Count > 0 && shown[^1].Length == 0)
            {
                shown.RemoveAt(shown.Count - 1);
            }
        }

        return examples;
    }

    /// <summary>Whether the shown lines from <paramref name="s"/> on are the printed ones from <paramref name="p"/> on.</summary>
    private static bool Shows(IReadOnlyList<string> shown, int s, IReadOnlyList<string> printed, int p)
    {
        if (s == shown.Count)
        {
            return p == printed.Count;
        }

        if (shown[s].Trim() == "...")
        {
            return Enumerable.Range(p, printed.Count - p + 1).Any(next => Shows(shown, s + 1, printed, next));
        }

        return p < printed.Count && Pattern(shown[s]).IsMatch(printed[p]) && Shows(shown, s + 1, printed, p + 1);
    }

    /// <summary>A shown line as a pattern for a printed one: its text exactly, "..." for any text.</summary>
    private static Regex Pattern(string shown) =>
        new("^" + string.Join(".*?", shown.Split("...").Select(Regex.Escape)) + "$", RegexOptions.Singleline);
}
