using System.Text;
using System.Text.Json;
using Wayfinder.Evaluation;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// The specification's cases, as a gold file (<c>spec-cases.jsonl</c>), so
/// that <c>wayfinder fit --keep</c> can hold a fit to them: each case without
/// answers, its first destination accepted, a clarifying case as a question
/// that must be asked. The checked-in file is what the case files give today.
/// </summary>
public sealed class SpecGoldTests
{
    private const string OwnPack = "yzmir-ml-production";

    private static string GoldFile => Path.Combine(SourceTree.Root, "tests", "Wayfinder.Specs", "spec-cases.jsonl");

    [Fact]
    public void SpecGold_IsWhatTheCaseFilesGiveToday()
    {
        var expected = Write(SpecFile.Load().Cases);
        if (Environment.GetEnvironmentVariable("WAYFINDER_REGENERATE") == "1")
        {
            File.WriteAllText(GoldFile, expected);
        }

        Assert.True(File.Exists(GoldFile) && File.ReadAllText(GoldFile) == expected,
            $"{GoldFile} is out of date with the case files. Regenerate it: WAYFINDER_REGENERATE=1 dotnet test tests/Wayfinder.Specs --filter SpecGoldTests");
    }

    [Fact]
    public void SpecGold_ReadsAsGold_OneLinePerCaseWithoutAnswers()
    {
        var gold = GoldSet.Read(new StringReader(Write(SpecFile.Load().Cases)), "spec-cases");
        Assert.Empty(gold.Errors);
        Assert.Equal(SpecFile.Load().Cases.Count(c => c.Answers.Count == 0), gold.Questions.Length);
        Assert.All(gold.Questions, q => Assert.Equal(q.Clarify == ClarifyExpectation.Required, q.AcceptFirst.IsEmpty));
    }

    /// <summary>The gold lines of the cases that have no answers, in case order.</summary>
    internal static string Write(IEnumerable<SpecCase> cases)
    {
        var text = new StringBuilder();
        foreach (var c in cases.Where(c => c.Answers.Count == 0))
        {
            var order = c.List("order").Count > 0 ? c.List("order") : [.. c.List("steps"), .. c.List("handoffs")];
            var destinations = order.Select(Destination).ToList();
            var ask = c.Get("status") == "clarify";
            var line = new Dictionary<string, object?>
            {
                ["id"] = c.Id,
                ["query"] = c.Query,
                ["accept_first"] = ask ? Array.Empty<string>() : destinations.Take(1).ToArray(),
                ["relevant"] = destinations.Take(3).ToArray(),
                ["clarify"] = ask ? ClarifyExpectation.Required : ClarifyExpectation.Wrong,
                ["source"] = $"{Path.GetFileName(c.File)}:{c.Line}",
            };
            text.Append(JsonSerializer.Serialize(line)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A case's destination as gold files spell it: a sheet of this pack, another pack's sheet, or another pack.</summary>
    private static string Destination(string item) =>
        item.Contains('/', StringComparison.Ordinal) ? item
        : Wayfinder.Packs.BuiltInPack.Value.SheetsById.ContainsKey(item) ? $"{OwnPack}/{item}"
        : $"{item}/*";

}
