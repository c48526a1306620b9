using Wayfinder.Text;
using Xunit;

namespace Wayfinder.Core.Tests.Text;

public sealed class TermMatcherTests
{
    private static List<TermHit> Match(string text, params (string Facet, string Term)[] terms) =>
        new TermMatcher(terms).Match(TextNormalizer.Tokenize(text));

    private static string[] Facets(string text, params (string Facet, string Term)[] terms) =>
        Match(text, terms).Select(h => h.Facet).ToArray();

    [Theory]
    [InlineData("quantize it")]
    [InlineData("Quantization of the model")]
    [InlineData("we are quantizing")]
    [InlineData("QUANTIZED weights")]
    public void Match_PrefixTerm_MatchesWordsStartingWithIt(string text)
    {
        Assert.Equal(["q"], Facets(text, ("q", "quantiz*")));
    }

    [Theory]
    [InlineData("quant")]
    [InlineData("requantize")]
    [InlineData("quanti zation")]
    public void Match_PrefixTerm_DoesNotMatchOtherWords(string text)
    {
        Assert.Empty(Match(text, ("q", "quantiz*")));
    }

    [Fact]
    public void Match_PrefixWordInsideAPhrase_MatchesOnlyThatWordByPrefix()
    {
        Assert.Equal(["s"], Facets("turn on auto-scaling", ("s", "auto scal*")));
        Assert.Empty(Match("automatic scaling", ("s", "auto scal*")));
    }

    [Theory]
    [InlineData("the KV cache is full")]
    [InlineData("kv-cache")]
    [InlineData("KV_Cache")]
    public void Match_MultiWordPhrase_MatchesAcrossSeparators(string text)
    {
        var hit = Assert.Single(Match(text, ("kv", "kv cache")));

        Assert.Equal(2, hit.TokenCount);
        Assert.Equal("kv cache", text.Substring(hit.Start, hit.Length).ToLowerInvariant().Replace('-', ' ').Replace('_', ' '));
    }

    [Theory]
    [InlineData("kv and cache")]
    [InlineData("cache kv")]
    [InlineData("kv")]
    public void Match_MultiWordPhrase_NeedsTheWordsInOrderAndAdjacent(string text)
    {
        Assert.Empty(Match(text, ("kv", "kv cache")));
    }

    [Fact]
    public void Match_LongerTermCoveringAShorterOne_OnlyTheLongerCounts()
    {
        (string, string)[] terms = [("training", "training"), ("trained", "finished training")];

        Assert.Equal(["trained"], Facets("we finished training last week", terms));
        Assert.Equal(["training"], Facets("training finished last week", terms));
    }

    [Fact]
    public void Match_ShorterTermsOutsideTheLongerOne_StillCount()
    {
        (string, string)[] terms = [("training", "training"), ("trained", "finished training")];

        Assert.Equal(["trained", "training"], Facets("finished training, now training again", terms));
    }

    [Fact]
    public void Match_SameTermInTwoFacets_BothFire()
    {
        var hits = Match("a web service for it", ("cloud", "web service"), ("serve", "web service"));

        Assert.Equal(["cloud", "serve"], hits.Select(h => h.Facet).Order());
        Assert.Single(hits.Select(h => (h.Start, h.Length)).Distinct());
    }

    [Fact]
    public void Match_SameLengthOverlappingTerms_BothFire()
    {
        Assert.Equal(["x", "y"], Facets("a b c", ("x", "a b"), ("y", "b c")).Order());
    }

    [Theory]
    [InlineData("replicas", "add a replica")]
    [InlineData("replica", "add more replicas")]
    [InlineData("metrics", "one metric")]
    [InlineData("dashboard", "Dashboards")]
    public void Match_PluralFolding_IsSymmetricBetweenTermAndQuestion(string term, string text)
    {
        Assert.Single(Match(text, ("f", term)));
    }

    [Theory]
    [InlineData("max num seqs", "tune max_num_seqs")]
    [InlineData("max_num_seqs", "tune max num seqs")]
    [InlineData("a b", "run an A/B test")]
    [InlineData("a b", "an a-b test")]
    [InlineData("a/b", "an A B test")]
    [InlineData("blue green", "a blue-green switch")]
    public void Match_HyphensUnderscoresAndPunctuation_SplitWordsOnBothSides(string term, string text)
    {
        Assert.Single(Match(text, ("f", term)));
    }

    [Fact]
    public void Match_WholeWordsOnly()
    {
        Assert.Empty(Match("deployment", ("d", "deploy")));
        Assert.Empty(Match("grpcs", ("g", "rpc")));
    }

    [Fact]
    public void Match_HitsAreInTokenOrderWithSpansIntoTheText()
    {
        const string text = "Canary, then Shadow-Mode";

        var hits = Match(text, ("r", "shadow mode"), ("r", "canary"));

        Assert.Equal(["Canary", "Shadow-Mode"], hits.Select(h => text.Substring(h.Start, h.Length)));
        Assert.Equal([0, 2], hits.Select(h => h.FirstToken));
        Assert.Equal(["canary", "shadow mode"], hits.Select(h => h.Term));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("--")]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_TermsWithoutWords_AreIgnored(string term)
    {
        var matcher = new TermMatcher([("empty", term), ("x", "alpha")]);

        Assert.Equal(["x"], matcher.Match(TextNormalizer.Tokenize("alpha beta * --")).Select(h => h.Facet));
    }

    [Fact]
    public void Match_NoTokens_NoHits()
    {
        Assert.Empty(new TermMatcher([("x", "alpha"), ("p", "pre*")]).Match([]));
    }

    [Fact]
    public void Constructor_NullTerms_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new TermMatcher((IEnumerable<(string, string)>)null!));
        Assert.Throws<ArgumentNullException>(() => new TermMatcher((IEnumerable<(string, string, int)>)null!));
    }

    [Fact]
    public void Match_HitsCarryTheirTermsWeight_InTheOrderTheTermsWereGiven()
    {
        var matcher = new TermMatcher([("a", "model drift", 3), ("b", "model", 1), ("c", "model drift", 2), ("d", "aler*", 1)]);

        // "model" alone is covered by the longer terms.
        var hits = matcher.Match(TextNormalizer.Tokenize("model drift alerts"));

        Assert.Equal([("a", 3), ("c", 2), ("d", 1)], hits.Select(h => (h.Facet, h.Weight)));
    }

    [Theory]
    [InlineData("we want it deployed")]
    [InlineData("we want deployed")]
    [InlineData("want the new fraud scoring model fully deployed")]
    public void Match_GapTerm_SpansUpToSixWords(string text)
    {
        Assert.Equal(["d"], Facets(text, ("d", "want ~ deployed")));
    }

    [Fact]
    public void Match_GapTerm_DoesNotSpanMoreThanSixWords()
    {
        Assert.Empty(Match("want one two three four five six seven deployed", ("d", "want ~ deployed")));
    }

    [Fact]
    public void Match_GapTerm_LeavesTheSkippedWordsToOtherTerms()
    {
        var facets = Facets("they want it optimized and deployed", ("d", "want ~ deployed"), ("o", "optimiz*"));

        Assert.Equal(["d", "o"], facets.Order());
    }

    [Fact]
    public void Match_GapAtTheEdge_IsIgnored()
    {
        Assert.Empty(Match("deployed soon", ("d", "~ deployed"), ("e", "deployed ~")));
    }

    [Fact]
    public void Match_GapTermMatchedSideBySide_CoversTheShorterTermInside()
    {
        Assert.Equal(["i"], Facets("a prompt injection attempt", ("i", "prompt* ~ injection*"), ("p", "prompt*")));
    }

    [Fact]
    public void Match_GapTermThatSkippedWords_CoversNothing()
    {
        Assert.Equal(["i", "p"], Facets("prompt text with an injection", ("i", "prompt* ~ injection*"), ("p", "prompt*")).Order());
    }
}
