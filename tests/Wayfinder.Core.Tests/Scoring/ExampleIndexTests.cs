using System.Collections.Immutable;
using Wayfinder.Scoring;
using Xunit;

namespace Wayfinder.Core.Tests.Scoring;

/// <summary>
/// Example-based routing: a question identical to a labelled example is read
/// without that example (as the fit read it), only the nearest examples vote,
/// and the information of a question's words grows with their rarity.
/// </summary>
public sealed class ExampleIndexTests
{
    private const int Destinations = 3;

    private static Example E(int label, params string[] words) => new([label], [.. words]);

    /// <summary>Two zebra examples of 0, two quokka examples of 1, one storm example of 2; every word but "storm" used twice or more.</summary>
    private static readonly ImmutableArray<Example> Examples =
    [
        E(0, "zebra", "kernel"),
        E(0, "zebra", "stripe"),
        E(1, "quokka", "stripe"),
        E(1, "quokka", "kernel"),
        E(2, "storm", "kernel", "zebra"),
    ];

    private sealed record Reading(double[] Neighbours, double[] Centroids, double[] Bayes);

    private static Reading Score(ExampleIndex index, string[] words, int leaveOut = -1)
    {
        var reading = new Reading(new double[Destinations], new double[Destinations], new double[Destinations]);
        index.Score(words, reading.Neighbours, reading.Centroids, reading.Bayes, leaveOut);
        return reading;
    }

    private static int[] Voting(double[] neighbours) =>
        [.. Enumerable.Range(0, neighbours.Length).Where(d => neighbours[d] > 0).OrderByDescending(d => neighbours[d])];

    [Fact]
    public void Score_QuestionIdenticalToAnExample_IsReadWithoutThatExample()
    {
        var index = new ExampleIndex(Destinations, Examples);

        var auto = Score(index, ["storm", "kernel", "zebra"]);
        var explicitly = Score(index, ["storm", "kernel", "zebra"], leaveOut: 4);

        Assert.Equal(explicitly.Neighbours, auto.Neighbours);
        Assert.Equal(explicitly.Centroids, auto.Centroids);
        Assert.Equal(explicitly.Bayes, auto.Bayes);
        Assert.Equal(0, auto.Neighbours[2]);
        Assert.Equal(0, auto.Centroids[2]);
    }

    [Fact]
    public void Score_QuestionOneWordFromAnExample_IsNotLeftOut()
    {
        var index = new ExampleIndex(Destinations, Examples);

        var near = Score(index, ["storm", "kernel", "zebra", "quokka"]);

        Assert.True(near.Neighbours[2] > 0);
        Assert.True(near.Centroids[2] > 0);
    }

    [Fact]
    public void Score_QuestionIdenticalToAnExample_SameExamplesVoteAsWithoutIt()
    {
        var index = new ExampleIndex(Destinations, Examples);
        var without = new ExampleIndex(Destinations, Examples.RemoveAt(1));

        var identical = Score(index, ["zebra", "stripe"]);
        var removed = Score(without, ["zebra", "stripe"]);

        Assert.Equal(Voting(removed.Neighbours), Voting(identical.Neighbours));
    }

    [Fact]
    public void Score_MoreThanFiveNearExamples_OnlyTheFiveNearestVote()
    {
        // Five short examples of 0 are nearer to "alpha" than the long one of 1.
        var examples = ImmutableArray.Create(
            E(0, "alpha", "b1"), E(0, "alpha", "b2"), E(0, "alpha", "b3"), E(0, "alpha", "b4"), E(0, "alpha", "b5"),
            E(1, "alpha", "c1", "c2", "c3"));
        var index = new ExampleIndex(Destinations, examples);

        var reading = Score(index, ["alpha"]);

        Assert.Equal(5, ExampleIndex.Neighbours);
        Assert.True(reading.Neighbours[0] > 0);
        Assert.Equal(0, reading.Neighbours[1]);
        Assert.True(reading.Centroids[1] > 0);
    }

    [Fact]
    public void Score_NoWordTheExamplesKnow_ScoresNothing()
    {
        var index = new ExampleIndex(Destinations, Examples);

        var reading = Score(index, ["okapi", "giraffe"]);

        Assert.All(reading.Neighbours, v => Assert.Equal(0, v));
        Assert.All(reading.Centroids, v => Assert.Equal(0, v));
        Assert.All(reading.Bayes, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Information_RareWord_SaysMoreThanACommonOne()
    {
        var index = new ExampleIndex(Destinations, Examples);

        var rare = index.Information(["storm"]);
        var common = index.Information(["kernel"]);

        Assert.True(rare > common, $"storm {rare}, kernel {common}");
        Assert.True(common > 0);
    }

    [Fact]
    public void Information_MoreWords_Grows()
    {
        var index = new ExampleIndex(Destinations, Examples);

        Assert.True(index.Information(["kernel", "storm"]) > index.Information(["kernel"]));
    }

    [Fact]
    public void Information_UnknownWords_CountForNothing()
    {
        var index = new ExampleIndex(Destinations, Examples);

        Assert.Equal(0, index.Information(["okapi"]));
        Assert.Equal(index.Information(["storm"]), index.Information(["okapi", "storm", "giraffe"]));
    }

    [Fact]
    public void Information_RepeatedWord_CountsOnce()
    {
        var index = new ExampleIndex(Destinations, Examples);

        Assert.Equal(index.Information(["storm"]), index.Information(["storm", "storm", "storm"]));
    }

    [Fact]
    public void Information_NoExamples_IsZero()
    {
        var index = new ExampleIndex(Destinations, []);

        Assert.Equal(0, index.Information(["storm", "kernel"]));
    }
}
