using Wayfinder.Benchmarks;
using Wayfinder.Library;
using Xunit;

namespace Wayfinder.Core.Tests.Library;

public sealed class MarkdownDocumentTests
{
    private static MarkdownDocument Parse(string text) => MarkdownDocument.Parse("test.md", text);

    [Fact]
    public void Parse_Frontmatter_GivesItsFieldsAndLine()
    {
        var doc = Parse("---\nname: using-demo\ndescription: Routes demo questions.\n---\n# Demo\n");

        Assert.Equal("using-demo", doc.Frontmatter["name"]);
        Assert.Equal(1, doc.FrontmatterLine);
        Assert.Equal("Demo", Assert.Single(doc.Headings).Title);
        Assert.Empty(doc.Diagnostics);
    }

    [Fact]
    public void Parse_FrontmatterAlias_IsRefusedWithADiagnosticAndTheBodyStillRead()
    {
        var doc = Parse("---\nname: &a x\ndescription: *a\n---\n# Demo\n");

        Assert.Contains(doc.Diagnostics, d => d.Message.Contains("anchor", StringComparison.Ordinal));
        Assert.Single(doc.Headings);
    }

    [Fact]
    public void Parse_Headings_GiveLevelTextAndLine_AndAHashInCodeIsNoHeading()
    {
        var doc = Parse("# Top\n\n## Part *one*\n\n```\n# not a heading\n```\n\n### Deeper `code`\n");

        Assert.Equal([(1, "Top", 1), (2, "Part one", 3), (3, "Deeper code", 9)], doc.Headings.Select(h => (h.Level, h.Title, h.Line)));
        Assert.Equal("Top > Part one > Deeper code", doc.HeadingPath(doc.Headings[2]));
    }

    [Fact]
    public void Parse_ListItems_CarryDepthNumberParentAndTheirOwnTextOnly()
    {
        var doc = Parse("""
            1. First
               - nested a
                 - deeper
               - nested b
            2. Second
            """);

        Assert.Equal([(1, "First", 1), (2, "nested a", 2), (3, "deeper", 3), (2, "nested b", 4), (1, "Second", 5)],
            doc.ListItems.Select(i => (i.Depth, i.Text.Plain, i.Line)));
        Assert.Equal([1, 2], doc.ListItems.Where(i => i.Ordered).Select(i => i.Number));
        Assert.Equal(["nested a", "nested b"], doc.Children(doc.ListItems[0]).Select(i => i.Text.Plain));
        Assert.Equal(0, doc.ListItems[1].Parent);
        Assert.Equal(4, doc.ListItems[0].EndLine);
    }

    [Fact]
    public void Parse_Table_GivesHeaderAndRowsOfCellsWithTheirLines()
    {
        var doc = Parse("""
            Intro.

            | Query | Correct route |
            |-------|---------------|
            | "Launch it" | [dispatch.md](dispatch.md) then **watch** |
            | plain | `x-y` |
            """);

        var table = Assert.Single(doc.Tables);
        Assert.Equal(["Query", "Correct route"], table.Header.ToArray());
        Assert.Equal([5, 6], table.Body.Select(r => r.Line));
        var row = table.Body.First();
        Assert.Equal("Launch it", Assert.Single(row.Cells[0].Quotes).Text);
        Assert.Equal("dispatch.md then watch", row.Cells[1].Plain);
        Assert.Equal("dispatch.md", Assert.Single(row.Cells[1].Links).Target);
        Assert.Equal(3, table.Line);
        Assert.Equal(6, table.EndLine);
    }

    [Fact]
    public void Parse_FencedCode_GivesInfoLinesAndWhereItStartsAndEnds()
    {
        var doc = Parse("Text\n\n```python\nx = 1\ny = 2\n```\n\nAfter\n");

        var code = Assert.Single(doc.CodeBlocks);
        Assert.Equal(("python", 3, 6, true), (code.Info, code.Line, code.EndLine, code.Closed));
        Assert.Equal(["x = 1", "y = 2"], code.Lines.ToArray());
        Assert.Equal(["Text", "After"], doc.Paragraphs.Select(p => p.Text.Plain));
    }

    [Fact]
    public void Parse_UnclosedFence_RunsToTheEndAndHidesWhatFollows()
    {
        var doc = Parse("# A\n\n```\ncode\n\n## Not a heading\n- not an item\n");

        var code = Assert.Single(doc.CodeBlocks);
        Assert.False(code.Closed);
        Assert.Equal(7, code.EndLine);
        Assert.Single(doc.Headings);
        Assert.Empty(doc.ListItems);
    }

    [Fact]
    public void Parse_NestedFence_TheInnerOpeningIsContentAndItsCloserEndsTheOuterBlock()
    {
        var doc = Parse("````markdown\n```python\nx\n```\n````\n\n```markdown\n```python\nx\n```\nprose\n```\n");

        // Four backticks hold three-backtick fences; three do not: the inner closer ends the block and the last fence opens another.
        Assert.Equal([(1, 5, true), (7, 10, true), (12, 12, false)], doc.CodeBlocks.Select(c => (c.Line, c.EndLine, c.Closed)));
        Assert.Equal(["```python", "x", "```"], doc.CodeBlocks[0].Lines.ToArray());
        Assert.Equal("prose", Assert.Single(doc.Paragraphs).Text.Plain);
    }

    [Fact]
    public void Parse_Paragraph_KeepsItsLinesWithTheirSourceLines()
    {
        var doc = Parse("\n\n**Symptoms**: \"too hot\", \"too loud\"\n**Routes to**: [a.md](a.md)\n");

        var text = Assert.Single(doc.Paragraphs).Text;
        Assert.Equal([(3, "Symptoms: \"too hot\", \"too loud\""), (4, "Routes to: a.md")], text.Lines());
        Assert.Equal(("Symptoms", "\"too hot\", \"too loud\"\nRoutes to: a.md"), text.Label());
        Assert.Equal([("too hot", 3), ("too loud", 3)], text.Quotes.Select(q => (q.Text, q.Line)));
    }

    [Theory]
    [InlineData("**Ask:** \"Which one?\"", "Ask")]
    [InlineData("**Key question to ask**: \"Which one?\"", "Key question to ask")]
    [InlineData("Plain: \"Which one?\"", null)]
    [InlineData("**Bold** in the middle", null)]
    public void Label_StrongOpening_IsTheLabel(string line, string? label)
    {
        var text = Assert.Single(Parse(line).Paragraphs).Text;

        Assert.Equal(label, text.Label()?.Name);
    }

    [Fact]
    public void Parse_LinksEmphasisAndCode_CarryTextTargetAndPosition()
    {
        var doc = Parse("# T\n\nSee [the *sheet*](dir/sheet.md#part) and `pack/other.md`, **strong** <https://x.org>.\n");

        Assert.Equal([("the sheet", "dir/sheet.md#part", 3, 5), ("https://x.org", "https://x.org", 3, 70)], doc.Links.Select(l => (l.Text, l.Target, l.Line, l.Column)));
        Assert.Equal([("pack/other.md", 3, 42)], doc.CodeSpans.Select(c => (c.Text, c.Line, c.Column)));
        Assert.Equal([("sheet", false), ("strong", true)], doc.Emphasis.Select(e => (e.Text, e.Strong)));
    }

    [Fact]
    public void Parse_Quotes_StraightAndCurly_OutsideCodeOnly()
    {
        var doc = Parse("Users say “motor too hot” or \"not charging\" but `\"code\"` is not one, nor \"x\".\n");

        Assert.Equal([("motor too hot", 1, 11), ("not charging", 1, 30)], doc.Quotes.Select(q => (q.Text, q.Line, q.Column)));
    }

    [Fact]
    public void Sections_SectionStopsAtAnyHeading_UnderStopsAtTheSameLevel()
    {
        var doc = Parse("## A\n\none\n\n### A1\n\ntwo\n\n## B\n\nthree\n");

        var a = doc.Headings[0];
        Assert.Equal(["one"], doc.Section(a).OfType<MarkdownParagraph>().Select(p => p.Text.Plain));
        Assert.Equal(["one", "two"], doc.Under(a).OfType<MarkdownParagraph>().Select(p => p.Text.Plain));
        Assert.Equal(["A1"], doc.Under(a).OfType<MarkdownHeading>().Select(h => h.Title));
    }

    [Fact]
    public void Parse_BlockQuote_ItsBlocksAreRead()
    {
        var doc = Parse("> Quoted [a.md](a.md)\n>\n> - item\n");

        Assert.Equal("Quoted a.md", Assert.Single(doc.Paragraphs).Text.Plain);
        Assert.Equal("item", Assert.Single(doc.ListItems).Text.Plain);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedWithOneDiagnosticAndNoException()
    {
        var deep = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- level\n"));

        var doc = Parse(deep);

        Assert.Single(doc.Diagnostics);
        Assert.StartsWith("refused:", doc.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void Parse_ListNestedUnderTheLimit_KeepsEveryDepth()
    {
        var nested = string.Concat(Enumerable.Range(0, 20).Select(i => new string(' ', i * 2) + "- level " + i + "\n"));

        var doc = Parse(nested);

        Assert.Equal(Enumerable.Range(1, 20), doc.ListItems.Select(i => i.Depth));
    }

    [Fact]
    public void Parse_HostileBrackets_AreRefusedNotParsed()
    {
        var doc = Parse("# T\n\n" + string.Concat(Enumerable.Repeat("[a", 100)) + "\n");

        Assert.Contains("brackets nested", Assert.Single(doc.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(doc.Blocks);
    }

    [Fact]
    public void Parse_HugeTable_ReadsEveryRowOnItsLine()
    {
        var rows = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"| \"q{i}\" | [s{i}.md](s{i}.md) | {new string('x', 40)} |\n"));

        var doc = Parse("| Query | Route | Why |\n|---|---|---|\n" + rows);

        var table = Assert.Single(doc.Tables);
        Assert.Equal(5_000, table.Body.Count());
        Assert.Equal(5_002, table.Body.Last().Line);
        Assert.Equal("q4999", Assert.Single(table.Body.Last().Cells[0].Quotes).Text);
    }

    [Fact]
    public void Parse_RowWithThousandsOfPipes_FinishesAndKeepsItsCells()
    {
        var wide = "|" + string.Concat(Enumerable.Repeat(" c |", 3_000)) + "\n|" + string.Concat(Enumerable.Repeat("---|", 3_000)) + "\n";

        var doc = Parse(wide);

        Assert.Equal(3_000, Assert.Single(doc.Tables).Header.Length);
    }

    public static TheoryData<string> Kinds() => [.. PathologicalMarkdown.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Parse_HostileMarkdown_FinishesWithAModelOrOneRefusal(string kind)
    {
        foreach (var size in new[] { 0, 1, 33, 65, 129, 600 })
        {
            var doc = Parse(PathologicalMarkdown.Make(kind, size));

            var refusals = doc.Diagnostics.Count(d => d.Message.StartsWith("refused:", StringComparison.Ordinal));
            Assert.True(refusals <= 1, $"{kind} size {size}: {string.Join("; ", doc.Diagnostics)}");
            Assert.True(refusals == 0 || doc.Blocks.IsEmpty, $"{kind} size {size}: a refused file has no blocks");
            Assert.All(doc.Blocks, b => Assert.InRange(b.Line, 1, doc.SourceLines.Length));
        }
    }

    [Fact]
    public void Parse_EmptyAndWhitespace_GiveEmptyDocuments()
    {
        Assert.Empty(Parse("").Blocks);
        Assert.Empty(Parse("\n\n  \n").Blocks);
    }
}
