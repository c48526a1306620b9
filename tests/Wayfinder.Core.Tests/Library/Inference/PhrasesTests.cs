using Wayfinder.Library.Inference;
using Xunit;

namespace Wayfinder.Core.Tests.Library.Inference;

public sealed class PhrasesTests
{
    private static readonly HashSet<string> PackWords = ["drone"];

    [Theory]
    [InlineData("replace the rotor blades", "replac* ~ rotor* ~ blade*")]
    [InlineData("battery not charging", "batter* ~ not charg*")]
    [InlineData("motor isn't spinning", "motor* ~ not spinn*")]
    [InlineData("no-fly zones", "no fly ~ zone")]
    [InlineData("I/O errors", "i o error*")]
    [InlineData("the", null)]
    [InlineData("one two three four five six words here", null)]
    public void Term_Phrase_KeepsItsWordsInOrderAndItsNegation(string phrase, string? term) =>
        Assert.Equal(term, Phrases.Term(phrase));

    [Fact]
    public void Terms_NegatedByNot_AlsoMatchTheContractedForm() =>
        Assert.Equal(["not charg*", "t charg*"], Phrases.Terms("not charging"));

    [Theory]
    [InlineData("Which propeller?", new string[0])]
    [InlineData("Overheating drones", new string[0])]
    [InlineData("Plan routes and watch telemetry", new[] { "plan", "watch", "telemetry" })]
    [InlineData("Battery not charging after landing", new[] { "battery", "not charging", "after", "landing" })]
    public void RuleWords_FewerThanTwoOfTheirOwn_MakeNoRule(string phrase, string[] words) =>
        Assert.Equal(words, Phrases.RuleWords(phrase, PackWords));

    [Theory]
    [InlineData("Overheating drones", "overheating")]
    [InlineData("Plan routes and watch telemetry", null)]
    public void LoneWord_OneWordBesidesThePacksOwn_IsThatWord(string phrase, string? word) =>
        Assert.Equal(word, Phrases.LoneWord(phrase, PackWords));

    [Fact]
    public void Items_Description_SplitsAtCommasBracketsAndAnd() =>
        Assert.Equal(["GPS", "LiDAR", "barometers", "compasses", "IMU drift"], Phrases.Items("GPS, LiDAR, barometers and compasses (IMU drift)"));
}
