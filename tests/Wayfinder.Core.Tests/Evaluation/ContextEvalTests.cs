using System.Collections.Immutable;
using Wayfinder.Context;
using Wayfinder.Evaluation;
using Xunit;

namespace Wayfinder.Core.Tests.Evaluation;

public sealed class ContextEvalTests
{
    private static ContextSection Section(string sheet, string heading, int tokens = 10) =>
        new("pack", sheet, heading, $"{sheet}.md", 1, 2, tokens, "text");

    private static readonly ContextGold Gold = new("q1", "dev", "why", ["pack/right"], ["pack/right#Fix > Step"]);

    [Fact]
    public void Score_RightSectionFirst_CountsEverything()
    {
        var score = ContextEval.Score("m", [Gold], _ => ([Section("right", "Fix > Step"), Section("other", "A")], null));

        Assert.Equal((100.0, 100.0, 100.0, 20.0), (score.RightSheet, score.RightSection, score.FirstRightSheet, score.MeanTokens));
    }

    [Fact]
    public void Score_RightSheetLaterWithAnotherSection_CountsOnlyTheSheetInTheBudget()
    {
        var score = ContextEval.Score("m", [Gold], _ => ([Section("other", "A"), Section("right", "Intro")], null));

        Assert.Equal((100.0, 0.0, 0.0), (score.RightSheet, score.RightSection, score.FirstRightSheet));
    }

    [Fact]
    public void Score_NothingChosen_ScoresNothing()
    {
        var score = ContextEval.Score("m", [Gold], _ => (ImmutableArray<ContextSection>.Empty, null));

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (score.RightSheet, score.RightSection, score.FirstRightSheet, score.MeanTokens));
    }

    [Fact]
    public void Read_BadLines_AreNamedAndTheRestRead()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{\"id\":\"a\",\"query\":\"q\",\"sections\":[\"p/s#H\"]}\nnot json\n{\"id\":\"b\",\"query\":\"q\"}\n");

            var gold = ContextEval.Read(file, out var errors);

            Assert.Single(gold);
            Assert.Equal(2, errors.Length);
            Assert.Contains(":2:", errors[0], StringComparison.Ordinal);
            Assert.Contains(":3:", errors[1], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
