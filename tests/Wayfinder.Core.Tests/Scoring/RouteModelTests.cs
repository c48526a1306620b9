using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Wayfinder.Scoring;
using Xunit;

namespace Wayfinder.Core.Tests.Scoring;

/// <summary>
/// The model file: written and read back unchanged, byte for byte; a file
/// that is not a model of this format refused with a message naming the
/// file and what is wrong; and a model file in a pack folder read with the
/// pack, or reported as a diagnostic of its own.
/// </summary>
public sealed class RouteModelTests
{
    private const string Source = "packs/mini/x.model.json";

    /// <summary>A model with every part set, each value one six significant digits keep exactly.</summary>
    private static readonly RouteModel Sample = new(
        "mini",
        new ModelCorpus("gold.jsonl", "0123456789abcdef", "train", 42)
        {
            Also = [new ModelSource("cases.jsonl", "feedface"), new ModelSource("more.jsonl", "c0ffee")],
        },
        [1.5, -0.25, 4, 0.125, 3.25, 1, 0.5, -2.75, 1.75, 0.0625, 2.5, 0.375, 0.123457],
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, double>
        {
            ["mini/tuning"] = 0.75,
            ["mini/watching"] = -1.5,
            ["other-pack/*"] = -0.03125,
        }),
        new AskSettings(0.35, 6, 0.2, 0.45),
        [
            new ModelExample(["mini/tuning"], "zebra kernel everywhere"),
            new ModelExample(["mini/watching", "other-pack/*"], "quokka pager night quokka"),
        ]);

    private static void AssertSameModel(RouteModel expected, RouteModel actual)
    {
        Assert.Equal(expected.Pack, actual.Pack);
        Assert.Equal(expected.Corpus.File, actual.Corpus.File);
        Assert.Equal(expected.Corpus.Sha256, actual.Corpus.Sha256);
        Assert.Equal(expected.Corpus.Split, actual.Corpus.Split);
        Assert.Equal(expected.Corpus.Items, actual.Corpus.Items);
        Assert.Equal(expected.Corpus.Also.AsEnumerable(), actual.Corpus.Also.AsEnumerable());
        Assert.Equal(expected.Weights.AsEnumerable(), actual.Weights.AsEnumerable());
        Assert.Equal(expected.Bias, actual.Bias);
        Assert.Equal(expected.Ask, actual.Ask);
        Assert.Equal(expected.Examples.Length, actual.Examples.Length);
        for (var i = 0; i < expected.Examples.Length; i++)
        {
            Assert.Equal(expected.Examples[i].To.AsEnumerable(), actual.Examples[i].To.AsEnumerable());
            Assert.Equal(expected.Examples[i].Words, actual.Examples[i].Words);
        }
    }

    private static FormatException Refused(string text) => Assert.Throws<FormatException>(() => RouteModel.FromJson(text, Source));

    /// <summary>The sample's JSON with one change made to its tree.</summary>
    private static string Edited(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Sample.ToJson())!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_GivesAnEqualModel()
    {
        var read = RouteModel.FromJson(Sample.ToJson(), Source);

        AssertSameModel(Sample, read);
    }

    [Fact]
    public void ToJson_ModelReadBack_IsByteIdentical()
    {
        var json = Sample.ToJson();

        var again = RouteModel.FromJson(json, Source).ToJson();

        Assert.Equal(json, again);
    }

    [Fact]
    public void ToJson_AnyModel_NamesEveryFeatureInOrderAndEndsWithOneNewline()
    {
        var json = Sample.ToJson();

        var weights = JsonNode.Parse(json)!["weights"]!.AsObject();
        Assert.Equal(RouteModel.FeatureNames, weights.Select(p => p.Key));
        Assert.Equal(-2.75, weights["terms"]!.GetValue<double>());
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_WeightWithMoreThanSixDigits_IsReadBackAtSixAndThenStable()
    {
        var model = Sample with { Weights = Sample.Weights.SetItem(0, 1.23456789) };

        var read = RouteModel.FromJson(model.ToJson(), Source);

        Assert.Equal(1.23457, read.Weights[0]);
        Assert.Equal(read.ToJson(), RouteModel.FromJson(read.ToJson(), Source).ToJson());
    }

    [Fact]
    public void FromJson_CorpusWithoutAlso_ReadsNoOtherFiles()
    {
        var json = Edited(root => root["corpus"]!.AsObject().Remove("also"));

        var read = RouteModel.FromJson(json, Source);

        Assert.Empty(read.Corpus.Also);
        Assert.Equal(42, read.Corpus.Items);
    }

    [Fact]
    public void FromJson_WeightLeftOut_ReadsAsZero()
    {
        var json = Edited(root => root["weights"]!.AsObject().Remove("bayes"));

        var read = RouteModel.FromJson(json, Source);

        Assert.Equal(0, read.Weights[RouteModel.FeatureNames.IndexOf("bayes")]);
        Assert.Equal(Sample.Weights[0], read.Weights[0]);
    }

    [Fact]
    public void FromJson_NotJson_NamesTheSourceAndSaysSo()
    {
        var e = Refused("{ \"format\": 1, oops");

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_TopLevelArray_NamesTheSourceAndSaysSo()
    {
        var e = Refused("[1, 2]");

        Assert.Equal($"{Source}: the top level is not an object", e.Message);
    }

    [Fact]
    public void FromJson_UnknownFeatureInWeights_NamesTheSourceAndTheFeature()
    {
        var e = Refused(Edited(root => root["weights"]!.AsObject()["colour"] = 1.0));

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown feature 'colour' in \"weights\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_AskMissing_NamesTheSourceAndTheMissingPart()
    {
        var e = Refused(Edited(root => root.Remove("ask")));

        Assert.Equal($"{Source}: \"ask\" is missing", e.Message);
    }

    [Fact]
    public void FromJson_AskSettingMissing_NamesIt()
    {
        var e = Refused(Edited(root => root["ask"]!.AsObject().Remove("overrideFixed")));

        Assert.Equal($"{Source}: \"overrideFixed\" is missing", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void FromJson_OtherFormatNumber_NamesTheSourceAndTheFormat(int format)
    {
        var e = Refused(Edited(root => root["format"] = format));

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"format {format} is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_FormatNotAWholeNumber_NamesTheSource()
    {
        var e = Refused(Edited(root => root["format"] = 1.5));

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WeightOfTheWrongType_NamesTheSourceAndSaysSo()
    {
        var e = Refused(Edited(root => root["weights"]!.AsObject()["terms"] = "high"));

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains("wrong type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WeightBeyondADouble_IsRefusedNamingTheSource()
    {
        // 1e400 is valid JSON but no finite double: a model read with it routes with NaN probabilities and cannot be written back.
        var json = Sample.ToJson().Replace("\"first-by-rule\": 1.5", "\"first-by-rule\": 1e400", StringComparison.Ordinal);
        Assert.Contains("1e400", json, StringComparison.Ordinal);

        var e = Refused(json);

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_DestinationNotAString_NamesTheSource()
    {
        var e = Refused(Edited(root => root["examples"]![0]!["to"] = new JsonArray(1)));

        Assert.StartsWith(Source + ": ", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A skill folder holding the mini manifest, a sheet and SKILL.md; returns the folder.</summary>
    private static string MiniSkill(SheetFixture f)
    {
        f.Write("mini/skills/using-mini/SKILL.md", "---\nname: using-mini\ndescription: Routes mini questions.\n---\n# Mini router\n\nRead the sheets.\n");
        f.Write("mini/skills/using-mini/tuning.md", "# Tuning\n\nTune the kernels.\n");
        f.Write("mini/skills/using-mini/mini.pack.yaml", MiniPack.Manifest);
        return Path.Combine(f.Root, "mini", "skills", "using-mini");
    }

    [Theory]
    [InlineData("not-json", "not valid JSON")]
    [InlineData("format-9", "format 9 is not supported")]
    [InlineData("other-pack", "fitted for pack 'other'")]
    public void Load_SkillFolderWithAModelItCannotUse_ReportsTheFileAndStillLoadsThePack(string kind, string says)
    {
        using var f = new SheetFixture();
        var skill = MiniSkill(f);
        f.Write("mini/skills/using-mini/x.model.json", kind switch
        {
            "not-json" => "{ this is not a model",
            "format-9" => Edited(root => root["format"] = 9),
            _ => (Sample with { Pack = "other" }).ToJson(),
        });

        var library = PackLibrary.Load([skill], []);

        var diagnostic = Assert.Single(library.Diagnostics);
        Assert.EndsWith("x.model.json", diagnostic.File, StringComparison.Ordinal);
        Assert.Contains(says, diagnostic.Message, StringComparison.Ordinal);
        var pack = Assert.Single(library.Packs);
        Assert.Null(pack.Model);
        Assert.NotNull(pack.Manifest);
    }

    [Fact]
    public void Load_SkillFolderWithAGoodModelFile_ReadsItIntoThePack()
    {
        using var f = new SheetFixture();
        var skill = MiniSkill(f);
        f.Write("mini/skills/using-mini/mini.model.json", Sample.ToJson());

        var library = PackLibrary.Load([skill], []);

        Assert.Empty(library.Diagnostics);
        var pack = Assert.Single(library.Packs);
        Assert.NotNull(pack.Model);
        AssertSameModel(Sample, pack.Model);
    }

    [Fact]
    public void Build_ModelOfAnotherPack_IsRefusedNamingBoth()
    {
        var builder = new RouterBuilder().UsePack(PackLoader.Load(MiniPack.Manifest, "mini.yaml")).UseModel(Sample with { Pack = "other" });

        var error = Assert.Throws<ArgumentException>(builder.Build);

        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'mini'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SkillFolderWithoutAModelFile_HasNoModel()
    {
        using var f = new SheetFixture();
        var skill = MiniSkill(f);

        var library = PackLibrary.Load([skill], []);

        Assert.Empty(library.Diagnostics);
        Assert.Null(Assert.Single(library.Packs).Model);
    }
}
