using Wayfinder.Context;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Xunit;

namespace Wayfinder.Core.Tests.Context;

public sealed class SectionIndexTests
{
    private static readonly string LongBody = string.Join(' ', Enumerable.Repeat("Replicas restart after each deploy and load their weights again from storage.", 40));

    private static SectionIndex Index(SheetFixture f)
    {
        f.Write("pack/skills/using-pack/SKILL.md", "# Using pack\n\nRouter.\n");
        f.Write("pack/skills/using-pack/serving-notes.md", $"""
            # Serving notes

            ## Warmup

            Eviction happens sometimes.

            ## Cache eviction

            {LongBody} Eviction is rare.
            """);
        return SectionIndex.Of(PackLibrary.Load([], [f.Root]));
    }

    private static string Best(SectionIndex index, double[] scores) =>
        index.Sections[Enumerable.Range(0, scores.Length).MaxBy(i => scores[i])].Section.HeadingPath;

    [Fact]
    public void Score_ShortSectionThatMentionsTheWord_OutranksALongOneHeadedByIt()
    {
        using var f = new SheetFixture();
        var index = Index(f);

        Assert.Equal("Serving notes > Warmup", Best(index, index.Score("eviction")));
    }

    [Fact]
    public void ScoreForContext_LongSectionHeadedByTheWord_OutranksAShortOneThatMentionsIt()
    {
        using var f = new SheetFixture();
        var index = Index(f);

        Assert.Equal("Serving notes > Cache eviction", Best(index, index.ScoreForContext("eviction")));
    }

    [Fact]
    public void ScoreForContext_NeverScoresASectionBelowItsPlainScore()
    {
        using var f = new SheetFixture();
        var index = Index(f);

        var plain = index.Score("cache eviction warmup");
        var context = index.ScoreForContext("cache eviction warmup");

        Assert.All(Enumerable.Range(0, plain.Length), i => Assert.True(context[i] >= plain[i]));
    }
}
