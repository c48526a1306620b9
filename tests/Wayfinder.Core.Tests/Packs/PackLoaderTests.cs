using System.Text;
using Wayfinder.Core.Tests.Support;
using Wayfinder.Packs;
using Xunit;

namespace Wayfinder.Core.Tests.Packs;

public sealed class PackLoaderTests
{
    private const string File = "broken.pack.yaml";

    /// <summary>The smallest manifest the loader accepts: one concern, one sheet, one facet.</summary>
    internal const string Minimal = """
        id: mini
        title: Minimal pack
        calibrated: 2026-01
        concerns:
          c1:
            title: Concern one
        sheets:
          s1:
            concern: c1
            stage: 1
            summary: The only sheet.
        facets:
          f1:
            terms: [alpha]
            sheets: [s1]
        """;

    private static PackLoadException LoadFails(string yaml)
    {
        var ex = Assert.Throws<PackLoadException>(() => PackLoader.Load(yaml, File));
        Assert.NotEmpty(ex.Diagnostics);
        Assert.All(ex.Diagnostics, d => Assert.Equal(File, d.File));
        return ex;
    }

    private static PackDiagnostic Single(PackLoadException ex, string messagePart)
    {
        var matching = ex.Diagnostics.Where(d => d.Message.Contains(messagePart, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one diagnostic containing '{messagePart}', got:{Environment.NewLine}{ex.Message}");
        return matching[0];
    }

    [Fact]
    public void Load_BuiltInManifest_GivesTheTenSheetsInStageOrder()
    {
        var pack = PackLoader.Load(ManifestText.BuiltIn, "builtin.yaml");

        Assert.Equal("yzmir-ml-production", pack.Id);
        Assert.Equal(10, pack.Sheets.Length);
        Assert.Equal(Enumerable.Range(1, 10), pack.Sheets.Select(s => s.Stage));
        Assert.Equal(["optimization", "serving", "mlops", "observability"], pack.Concerns.Select(c => c.Id));
        Assert.All(pack.Sheets, s => Assert.True(pack.ConcernsById.ContainsKey(s.ConcernId)));
        Assert.Equal(
            ["yzmir-llm-specialist", "yzmir-training-optimization", "yzmir-pytorch-engineering", "yzmir-neural-architectures", "ordis-security-architect", "axiom-engineering-foundations"],
            pack.SisterPacks.Select(p => p.Id));
        Assert.Matches(@"^\d{4}-\d{2}$", pack.Calibrated);
    }

    [Fact]
    public void Load_BuiltInManifest_EveryReferenceResolves()
    {
        var pack = PackLoader.Load(ManifestText.BuiltIn, "builtin.yaml");

        foreach (var facet in pack.Facets)
        {
            Assert.NotEmpty(facet.Terms);
            Assert.All(facet.Sheets.Concat(facet.Default).Concat(facet.Alone), s => Assert.True(pack.SheetsById.ContainsKey(s), $"{facet.Id}: {s}"));
            Assert.All(facet.Suppresses.Concat(facet.UnlessAny).Concat(facet.YieldsTo), f => Assert.True(pack.FacetsById.ContainsKey(f), $"{facet.Id}: {f}"));
            Assert.True(facet.Ask is null || pack.QuestionsById.ContainsKey(facet.Ask), facet.Id);
        }

        foreach (var question in pack.Questions)
        {
            Assert.True(question.Options.Length >= 2, question.Id);
            Assert.All(question.Options, o => Assert.True(o.Next is null != o.Route.IsEmpty, $"{question.Id}/{o.Answer}"));
            Assert.All(question.Options.Where(o => o.Next is not null), o => Assert.True(pack.QuestionsById.ContainsKey(o.Next!)));
        }

        Assert.All(pack.AskOrder, f => Assert.True(pack.FacetsById.ContainsKey(f), f));
        Assert.NotEmpty(pack.Rules);
        Assert.Equal(pack.Rules.Length, pack.Rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void BuiltInPack_Value_IsTheLoadedManifestAndCached()
    {
        var first = BuiltInPack.Value;

        Assert.Same(first, BuiltInPack.Value);
        Assert.Equal(PackLoader.Load(ManifestText.BuiltIn, "x").Facets.Select(f => f.Id), first.Facets.Select(f => f.Id));
    }

    [Fact]
    public void Load_MinimalManifest_Succeeds()
    {
        var pack = PackLoader.Load(Minimal, File);

        Assert.Equal("mini", pack.Id);
        Assert.Equal("s1", Assert.Single(pack.Sheets).Id);
        Assert.Empty(pack.Questions);
        Assert.Empty(pack.SisterPacks);
    }

    [Fact]
    public void Load_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PackLoader.Load(null!, File));
        Assert.Throws<ArgumentNullException>(() => PackLoader.Load(Minimal, null!));
    }

    [Fact]
    public void Load_UnknownSheetInFacet_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace(
            "    sheets: [quantization-for-inference, model-compression-techniques]",
            "    sheets: [quantization-for-inference, model-compresion-techniques]");

        var d = Single(LoadFails(yaml), "unknown sheet 'model-compresion-techniques'");

        Assert.Equal(line, d.Line);
        Assert.True(d.Column > 0);
    }

    [Fact]
    public void Load_UnknownFacetInRuleCondition_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace(
            "    when: {all: [llm-quality, cost-spike]}",
            "    when: {all: [llm-quality, cost-spikes]}");

        var d = Single(LoadFails(yaml), "unknown facet 'cost-spikes'");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_UnknownQuestionInAsk_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace("    ask: slow-phase", "    ask: slow-phaze");

        var d = Single(LoadFails(yaml), "unknown question 'slow-phaze'");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_UnknownQuestionInNext_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace("        next: mlops-pain", "        next: mlops-pains");

        var d = Single(LoadFails(yaml), "unknown question 'mlops-pains'");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_OptionWithBothNextAndRoute_ReportsTheOptionLine()
    {
        var optionLine = ManifestText.LineOf(ManifestText.BuiltIn, "      - answer: mlops");
        var (yaml, _) = ManifestText.Replace("        next: mlops-pain", "        next: mlops-pain\n        route: [experiment-tracking-and-versioning]");

        var d = Single(LoadFails(yaml), "option 'mlops' of question 'concern' needs exactly one of 'next' or 'route'");

        Assert.Equal(optionLine, d.Line);
    }

    [Fact]
    public void Load_OptionWithNeitherNextNorRoute_ReportsTheOptionLine()
    {
        var optionLine = ManifestText.LineOf(ManifestText.BuiltIn, "      - answer: mlops");
        var (yaml, _) = ManifestText.Replace("        next: mlops-pain", "        # next removed");

        var d = Single(LoadFails(yaml), "option 'mlops' of question 'concern' needs exactly one of 'next' or 'route'");

        Assert.Equal(optionLine, d.Line);
    }

    [Fact]
    public void Load_MalformedYaml_ReportsTheSyntaxErrorLine()
    {
        var (yaml, line) = ManifestText.Replace("title: Running ML models in production", "title: Running: ML: models");

        var ex = LoadFails(yaml);

        var d = Assert.Single(ex.Diagnostics);
        Assert.Equal(line, d.Line);
        Assert.True(d.Column > 0);
    }

    [Fact]
    public void Load_TabIndentation_ReportsTheSyntaxErrorLine()
    {
        var (yaml, line) = ManifestText.Replace("    stage: 4", "\tstage: 4");

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_YamlAlias_IsRefusedAtTheAliasLine()
    {
        var (withAnchor, _) = ManifestText.Replace("    title: Model optimization", "    title: &t Model optimization");
        var (yaml, line) = ManifestText.Replace(withAnchor, "    title: Serving infrastructure", "    title: *t");

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Equal(line, d.Line);
        Assert.Contains("alias '*t'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MergeKeyAlias_InSmallManifest_IsRefused()
    {
        const string yaml = "id: a\ndefaults: &d {x: 1}\ntitle:\n  <<: *d\n";

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Equal(4, d.Line);
        Assert.Contains("alias", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateMappingKey_ReportsTheSecondKeyLine()
    {
        var (yaml, line) = ManifestText.Replace("    stage: 1", "    stage: 1\n    stage: 2");

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Equal(line + 1, d.Line);
        Assert.Contains("stage", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonNumericStage_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace("    stage: 4", "    stage: four");

        var d = Single(LoadFails(yaml), "'stage' must be a whole number");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_ManifestOverMaxBytes_IsRefusedUnread()
    {
        // Not even YAML: the size check comes first.
        var yaml = "{" + new string('x', PackLoader.MaxManifestBytes);

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Contains(PackLoader.MaxManifestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ManifestAtMaxBytes_IsRead()
    {
        var padding = PackLoader.MaxManifestBytes - Encoding.UTF8.GetByteCount(ManifestText.BuiltIn) - 3;
        var yaml = ManifestText.BuiltIn + "\n#" + new string('x', padding) + "\n";
        Assert.Equal(PackLoader.MaxManifestBytes, Encoding.UTF8.GetByteCount(yaml));

        Assert.Equal("yzmir-ml-production", PackLoader.Load(yaml, File).Id);
    }

    [Fact]
    public void Load_ManifestOverMaxBytesInUtf8ButNotInChars_IsRefused()
    {
        var yaml = ManifestText.BuiltIn + "\n# " + new string('é', (PackLoader.MaxManifestBytes / 2) + 1) + "\n";
        Assert.True(yaml.Length < PackLoader.MaxManifestBytes);

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Contains("larger than", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidCapabilityTierRegex_ReportsItsLine()
    {
        var (yaml, line) = ManifestText.Replace(
            @"  - pattern: '\b(a100|a800|l40s?|a6000|rtx ?6000)s?\b'",
            @"  - pattern: '\b(a100|a800'");

        var d = Single(LoadFails(yaml), "invalid pattern");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_SeveralProblems_AreAllReportedInOneException()
    {
        var (yaml, sheetLine) = ManifestText.Replace(
            "    sheets: [quantization-for-inference, model-compression-techniques]",
            "    sheets: [quantization-for-inference, no-such-sheet]");
        (yaml, var facetLine) = ManifestText.Replace(yaml, "    when: {all: [llm-quality, cost-spike]}", "    when: {all: [llm-quality, no-such-facet]}");
        (yaml, var askLine) = ManifestText.Replace(yaml, "    ask: slow-phase", "    ask: no-such-question");
        (yaml, var stageLine) = ManifestText.Replace(yaml, "    stage: 4", "    stage: four");
        (yaml, var regexLine) = ManifestText.Replace(yaml, @"  - pattern: '\b(a100|a800|l40s?|a6000|rtx ?6000)s?\b'", "  - pattern: '(unclosed'");

        var ex = LoadFails(yaml);

        Assert.Equal(sheetLine, Single(ex, "unknown sheet 'no-such-sheet'").Line);
        Assert.Equal(facetLine, Single(ex, "unknown facet 'no-such-facet'").Line);
        Assert.Equal(askLine, Single(ex, "unknown question 'no-such-question'").Line);
        Assert.Equal(stageLine, Single(ex, "'stage' must be a whole number").Line);
        Assert.Equal(regexLine, Single(ex, "invalid pattern").Line);
        Assert.Equal(5, ex.Diagnostics.Count);

        // The exception message lists every problem as file:line:column.
        foreach (var d in ex.Diagnostics)
        {
            Assert.Contains($"{File}:{d.Line}:{d.Column}: {d.Message}", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_MissingRequiredSections_AreEachReported()
    {
        var ex = LoadFails("id: x\n");

        Assert.Contains(ex.Diagnostics, d => d.Message == "missing 'title'");
        Assert.Contains(ex.Diagnostics, d => d.Message == "missing 'concerns'");
        Assert.Contains(ex.Diagnostics, d => d.Message == "missing 'sheets'");
        Assert.Contains(ex.Diagnostics, d => d.Message == "missing 'facets'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    [InlineData("id: a\n---\nid: b\n")]
    public void Load_NotOneMappingDocument_IsRefused(string yaml)
    {
        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.True(d.Message.Contains("document", StringComparison.Ordinal) || d.Message.Contains("mapping", StringComparison.Ordinal), d.Message);
    }

    [Fact]
    public void Load_DestinationNamingUnknownSisterSheet_IsReported()
    {
        var (yaml, line) = ManifestText.Replace(
            "    handoffs: [yzmir-llm-specialist/llm-safety-alignment]",
            "    handoffs: [yzmir-llm-specialist/no-such-sheet]");

        var d = Single(LoadFails(yaml), "pack 'yzmir-llm-specialist' has no sheet 'no-such-sheet'");

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void PackDiagnostic_ToString_IsFileLineColumnMessage()
    {
        Assert.Equal("f.yaml:3:7: bad", new PackDiagnostic("f.yaml", 3, 7, "bad").ToString());
        Assert.Equal("f.yaml: too big", new PackDiagnostic("f.yaml", 0, 0, "too big").ToString());
    }

    [Fact]
    public void Load_UnterminatedFlowSequenceAtEnd_ThrowsPackLoadException()
    {
        var d = Assert.Single(LoadFails("id: a\ntitle: [unclosed\ncalibrated: x\n").Diagnostics);

        Assert.True(d.Line >= 2);
    }

    [Fact]
    public void Load_ComplexKeyInDualRoute_ThrowsPackLoadException()
    {
        var (yaml, line) = ManifestText.Replace(
            "    optimization: yzmir-llm-specialist/llm-inference-optimization",
            "    ? [a, b]\n    : yzmir-llm-specialist/llm-inference-optimization");

        var d = Assert.Single(LoadFails(yaml).Diagnostics);

        Assert.Equal(line, d.Line);
    }

    [Fact]
    public void Load_TermWithADanglingGap_IsReportedOnItsLine()
    {
        var yaml = Minimal.Replace("terms: [alpha]", "terms: [alpha, \"~ beta\"]", StringComparison.Ordinal);

        var diagnostic = Single(LoadFails(yaml), "gap");

        Assert.Equal(14, diagnostic.Line); // the line of "terms:" in Minimal
    }
}
