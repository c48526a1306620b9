using Wayfinder.Evaluation;
using Wayfinder.Packs;
using Wayfinder.Scoring;
using Xunit;

namespace Wayfinder.Specs;

/// <summary>
/// The built-in pack's fitted model is checked in; these tests hold it to
/// what <c>wayfinder fit</c> writes today from the checked-in corpus and case
/// files, byte for byte, so a change to the router's signals, the features or
/// the labels cannot ship with a stale model.
/// </summary>
public sealed class BuiltInModelTests
{
    [Fact]
    public void BuiltInModel_IsWhatFitWritesToday()
    {
        var root = SourceTree.Root;
        var questions = Path.Combine(root, "tests", "Wayfinder.Specs", "Real", "questions.jsonl");
        var cases = Path.Combine(root, "tests", "Wayfinder.Specs", "spec-cases.jsonl");
        var modelFile = Path.Combine(root, "src", "Wayfinder.Core", "BuiltIn", BuiltInPack.ModelFile);
        var specCases = GoldSet.Read(cases).Questions;
        var corpus = ModelCorpus.Of(questions, "train", [cases]);

        var fitted = ModelFitter.Fit(BuiltInPack.Value, GoldSet.Read(questions), corpus, new FitOptions(), specCases, specCases).Model.ToJson();
        if (Environment.GetEnvironmentVariable("WAYFINDER_REGENERATE") == "1")
        {
            File.WriteAllText(modelFile, fitted);
        }

        Assert.True(fitted == File.ReadAllText(modelFile),
            $"{modelFile} is not what the fit writes today. Fit it again (docs/routing.md, \"The fit\"), or: " +
            "WAYFINDER_REGENERATE=1 dotnet test tests/Wayfinder.Specs --filter BuiltInModelTests, then rebuild.");
    }

}
