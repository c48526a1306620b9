using System.Text.Json;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>The section labels of <c>Context/sections.jsonl</c>: well formed, each question's split its corpus split, and every section one that loads.</summary>
public sealed class ContextCorpusTests
{
    private static readonly string File = Path.Combine(SourceTree.Root, "tests", "Wayfinder.Specs", "Context", "sections.jsonl");

    [Fact]
    public void Labels_ParseWithoutErrorsAndHoldTwoHundredQuestionsOrMore()
    {
        var gold = ContextEval.Read(File, out var errors);

        Assert.Empty(errors);
        Assert.True(gold.Length >= 200, $"{gold.Length} labelled questions");
        Assert.Equal(gold.Length, gold.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public void Labels_KeepTheSplitOfTheirCorpusQuestion()
    {
        var corpus = System.IO.File.ReadLines(Path.Combine(SourceTree.Root, "tests", "Wayfinder.Specs", "Real", "questions.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("split").GetString());

        Assert.All(ContextEval.Read(File, out _), g => Assert.Equal(corpus[g.Id], g.Split));
    }

    [Fact]
    public void Labels_NameSectionsThatLoad()
    {
        var library = PackLibrary.Load([], [MarkdownParityTests.SharedFolder("packs")]);
        var known = library.Packs.SelectMany(p => p.Sheets).SelectMany(s => s.Sections.Select(x => $"{s.Pack}/{s.Id}#{x.HeadingPath}")).ToHashSet(StringComparer.Ordinal);

        Assert.All(ContextEval.Read(File, out _).SelectMany(g => g.Sections), s => Assert.Contains(s, known));
    }
}
