using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Reporting;
using Xunit;

namespace Wayfinder.Core.Tests.Reporting;

public sealed class RouterLayoutTests
{
    /// <summary>The built-in pack's routing model over files of the same sheets, so its questions and hand-offs are drawn.</summary>
    private static ReportPack BuiltIn()
    {
        var routing = BuiltInPack.Value;
        var sheets = routing.Sheets.Select(s => new MarkdownSheet(routing.Id, s.Id, s.Id + ".md", "/packs/" + s.Id + ".md", s.Id, [])).ToList();
        return new ReportPack(new MarkdownPack(routing.Id, routing.Id, "", "/packs/SKILL.md", [.. sheets], "", [], routing), routing);
    }

    private static HashSet<string> AllReached(ReportPack pack) => [.. pack.Source.Sheets.Select(s => pack.Id + "/" + s.Id)];

    [Fact]
    public void Layout_Answers_LineUpWithTheSheetsAndHandOffsTheyLeadTo()
    {
        var pack = BuiltIn();

        var layout = RouterLayout.Of(pack, AllReached(pack));

        Assert.Equal(["Concerns", "Sheets", "Questions", "Hand-offs"], layout.Columns.Select(c => c.Title));
        var sheets = layout.Nodes.Where(n => n.Kind == NodeKind.Sheet).ToList();
        var handoffs = layout.Nodes.Where(n => n.Kind is NodeKind.Handoff or NodeKind.HandoffSheet).ToList();
        var answers = layout.Nodes.Where(n => n.Kind == NodeKind.Answer).ToList();
        Assert.Equal(pack.Routing!.Questions.Sum(q => q.Options.Length), answers.Count);
        foreach (var question in pack.Routing.Questions)
        {
            foreach (var option in question.Options)
            {
                var row = answers.Single(a => a.Key == $"{question.Id}/{option.Answer}");
                if (option.Next is { } next)
                {
                    var heading = layout.Nodes.Single(n => n.Kind == NodeKind.Question && n.Key == next);
                    Assert.Single(layout.Edges, e => e.Kind == EdgeKind.AsksNext && e.Y1 == row.Middle && e.Y2 == heading.Middle);
                }

                foreach (var target in option.Route)
                {
                    var edge = target.Pack == pack.Routing.Id
                        ? layout.Edges.Single(e => e.Kind == EdgeKind.Routes && e.X1 == row.X && e.Y1 == row.Middle && sheets.Any(s => s.Key == $"{pack.Id}/{target.Sheet}" && e.X2 == s.Right && e.Y2 == s.Middle))
                        : layout.Edges.Single(e => e.Kind == EdgeKind.HandsOff && e.X1 == row.Right && e.Y1 == row.Middle && handoffs.Any(h => (h.Key == target.Key || h.Key == target.Pack) && e.X2 == h.X && e.Y2 == h.Middle));
                    Assert.NotNull(edge);
                }
            }
        }
    }

    [Fact]
    public void Layout_ConcernSpansItsSheets_AndNoBoxesOfAColumnOverlap()
    {
        var pack = BuiltIn();

        var layout = RouterLayout.Of(pack, AllReached(pack));

        foreach (var concern in layout.Nodes.Where(n => n.Kind == NodeKind.Concern))
        {
            var held = pack.Routing!.Sheets.Where(s => s.ConcernId == concern.Key).Select(s => $"{pack.Id}/{s.Id}").ToHashSet();
            var rows = layout.Nodes.Where(n => held.Contains(n.Key)).ToList();
            Assert.Equal(concern.Y, rows.Min(r => r.Y));
            Assert.Equal(concern.Y + concern.Height, rows.Max(r => r.Y + r.Height));
        }

        foreach (var column in layout.Nodes.GroupBy(n => n.X))
        {
            var boxes = column.OrderBy(n => n.Y).ToList();
            for (var i = 1; i < boxes.Count; i++)
            {
                Assert.True(boxes[i].Y >= boxes[i - 1].Y + boxes[i - 1].Height, $"{boxes[i].Key} overlaps {boxes[i - 1].Key}");
            }
        }

        Assert.All(layout.Nodes, n => Assert.True(n.X + n.Width <= layout.Width && n.Y + n.Height <= layout.Height, $"{n.Key} is outside the drawing"));
    }

    [Fact]
    public void Layout_FortyFiveSheets_StayOneRowEach()
    {
        using var f = new SheetFixture();
        var names = Enumerable.Range(1, 45).Select(i => $"topic-number-{i:00}").ToList();
        f.Write("big/skills/using-big/SKILL.md", "---\nname: using-big\ndescription: d\n---\n# Big\n\n" + string.Concat(names.Select(n => $"- [{n}.md]({n}.md)\n")));
        foreach (var name in names)
        {
            f.Write($"big/skills/using-big/{name}.md", $"# {name}\n\nText.\n");
        }

        var input = ReportInput.Create("big", f.Root, PackLibrary.Load([], [f.Root]), [], []);
        var pack = Assert.Single(input.Packs);

        var layout = RouterLayout.Of(pack, AllReached(pack));

        var sheets = layout.Nodes.Where(n => n.Kind == NodeKind.Sheet).ToList();
        Assert.Equal(45, sheets.Count);
        Assert.Single(sheets.Select(s => s.X).Distinct());
        Assert.Equal(45, sheets.Select(s => s.Y).Distinct().Count());
        Assert.True(layout.Height <= 45 * (RouterLayout.RowHeight + RouterLayout.RowGap) + 200, $"{layout.Height} px tall");
        Assert.Equal(names.Select(n => "big/" + n), sheets.Select(s => s.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("short", 100, "short")]
    [InlineData("a-very-long-sheet-name-that-will-not-fit", 100, "a-very-long-…")]
    [InlineData("two\nlines", 300, "two lines")]
    public void Fit_CutsWhatDoesNotFitWithAnEllipsis(string text, int width, string shown)
    {
        Assert.Equal(shown, RouterLayout.Fit(text, width));
    }
}
