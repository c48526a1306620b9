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
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wayfinder.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"the repository root (Wayfinder.slnx) was not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void BuiltInModel_IsWhatFitWritesToday()
    {
        var root = Root();
        var questions = Path.Combine(root, "tests", "Wayfinder.Specs", "Real", "questions.jsonl");
        var cases = Path.Combine(root, "tests", "Wayfinder.Specs", "spec-cases.jsonl");
        var modelFile = Path.Combine(root, "src", "Wayfinder.Core", "BuiltIn", BuiltInPack.ModelFile);
        var specCases = GoldSet.Read(cases).Questions;
        var corpus = new ModelCorpus("questions.jsonl", Sha256(questions), "train", 0)
        {
            Also = [new ModelSource("spec-cases.jsonl", Sha256(cases))],
        };

        var fitted = ModelFitter.Fit(BuiltInPack.Value, GoldSet.Read(questions), corpus, new FitOptions(), specCases, specCases).Model.ToJson();
        if (Environment.GetEnvironmentVariable("WAYFINDER_REGENERATE") == "1")
        {
            File.WriteAllText(modelFile, fitted);
        }

        Assert.True(fitted == File.ReadAllText(modelFile),
            $"{modelFile} is not what the fit writes today. Fit it again (docs/routing.md, \"The fit\"), or: " +
            "WAYFINDER_REGENERATE=1 dotnet test tests/Wayfinder.Specs --filter BuiltInModelTests, then rebuild.");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
