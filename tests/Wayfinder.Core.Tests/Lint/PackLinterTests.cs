using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Lint;
using Xunit;

namespace Wayfinder.Core.Tests.Lint;

public sealed class PackLinterTests
{
    private const string GoodSkill = """
        ---
        name: using-demo
        description: Routes demo questions to the two demo sheets.
        ---
        # Demo router

        This pack contains exactly 2 reference sheets:
        - [alpha.md](alpha.md) for alpha questions
        - [beta-sheet.md](beta-sheet.md) for beta questions
        """;

    private static SheetFixture Demo(string skill = GoodSkill)
    {
        var f = new SheetFixture();
        f.Write("demo/skills/using-demo/SKILL.md", skill);
        f.Write("demo/skills/using-demo/alpha.md", "# Alpha\n\nAlpha text.\n");
        f.Write("demo/skills/using-demo/beta-sheet.md", "# Beta\n\nBeta text.\n");
        return f;
    }

    private static List<LintFinding> Lint(SheetFixture f) => [.. PackLinter.Lint(PackLibrary.Load([], [f.Root]))];

    private static LintFinding Single(List<LintFinding> findings, string code) =>
        Assert.Single(findings, x => x.Code == code);

    [Fact]
    public void Lint_CleanPack_HasNoFindings()
    {
        using var f = Demo();

        Assert.Empty(Lint(f));
    }

    [Fact]
    public void Lint_SharedPacks_LoadCleanlyAndEveryFindingHasARule()
    {
        var findings = PackLinter.Lint(PackLibrary.Load([], [SharedPacks.Directory]));

        Assert.DoesNotContain(findings, f => f.Code == "load");
        Assert.All(findings, f => Assert.Equal(f.Code, LintRules.Of(f.Code).Code));
        Assert.All(findings, f => Assert.True(f.Line > 0 && File.Exists(f.File), f.ToString()));
    }

    [Fact]
    public void Lint_BrokenLink_IsAnErrorOnItsLine()
    {
        using var f = Demo(GoodSkill + "\n- [gamma.md](gamma.md) for gamma\n");

        var finding = Single(Lint(f), "broken-link");

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(10, finding.Line);
        Assert.EndsWith("SKILL.md", finding.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_LinksAndNamesInCodeBlocks_AreNotChecked()
    {
        using var f = Demo(GoodSkill + "\n```markdown\n[gamma.md](gamma.md) and `demo/nothing.md`\n```\n");

        Assert.Empty(Lint(f));
    }

    [Fact]
    public void Lint_ReferenceToAMissingSheetOfAKnownPack_IsAnError()
    {
        using var f = Demo(GoodSkill + "\nSee `demo/gamma.md`.\n");

        Assert.Contains("has no sheet 'gamma'", Single(Lint(f), "broken-reference").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ReferenceToAnUnknownPackOfTheFamily_IsAnError()
    {
        using var f = Demo(GoodSkill + "\nSee `demo-nowhere/alpha.md`.\n");

        Assert.Contains("demo-nowhere", Single(Lint(f), "unknown-pack").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MisspeltSheetName_IsAnErrorThatSuggestsTheSheet()
    {
        using var f = Demo(GoodSkill + "\nRead `alpah.md` first.\n");

        Assert.Contains("did you mean 'alpha.md'", Single(Lint(f), "unknown-sheet").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  `skills/alpha.md` ← WRONG PATH")]
    [InlineData("Write the report to `07-threat-model.md`.")]
    [InlineData("Paths such as `docs/notes.md` are the reader's own.")]
    public void Lint_DeliberateExamples_AreNotFlagged(string line)
    {
        using var f = Demo(GoodSkill + "\n" + line + "\n");

        Assert.Empty(Lint(f));
    }

    [Fact]
    public void Lint_CountClaimThatDoesNotMatch_IsAnError()
    {
        using var f = Demo(GoodSkill.Replace("exactly 2 reference sheets", "exactly 3 reference sheets", StringComparison.Ordinal));

        var finding = Single(Lint(f), "count-claim");

        Assert.Equal(7, finding.Line);
        Assert.Contains("has 2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_RemarkAboutSomeSheets_IsNotACountClaim()
    {
        using var f = Demo(GoodSkill + "\nCompare all three sheets before choosing.\n");

        Assert.Empty(Lint(f));
    }

    [Theory]
    [InlineData("Using-Demo", "lowercase")]
    [InlineData("using-other", "must match its folder")]
    public void Lint_BadName_IsAnError(string name, string message)
    {
        using var f = Demo(GoodSkill.Replace("name: using-demo", $"name: {name}", StringComparison.Ordinal));

        Assert.Contains(Lint(f), x => x.Code.StartsWith("name-", StringComparison.Ordinal) && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_NameOverSixtyFourCharacters_IsAnError()
    {
        using var f = Demo(GoodSkill.Replace("name: using-demo", "name: " + new string('a', 65), StringComparison.Ordinal));

        Assert.Contains("1 to 64", Single(Lint(f), "name-length").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MissingOrLongDescription_IsAnError()
    {
        using var missing = Demo(GoodSkill.Replace("description: Routes demo questions to the two demo sheets.\n", "", StringComparison.Ordinal));
        using var tooLong = Demo(GoodSkill.Replace("Routes demo questions to the two demo sheets.", new string('d', 1025), StringComparison.Ordinal));

        Assert.Contains("no description", Single(Lint(missing), "description-missing").Message, StringComparison.Ordinal);
        Assert.Contains("limit is 1024", Single(Lint(tooLong), "description-length").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_NoFrontmatter_IsAnError()
    {
        using var f = Demo("# Demo router\n\n- [alpha.md](alpha.md)\n- [beta-sheet.md](beta-sheet.md)\n");

        Assert.Single(Lint(f), x => x.Code == "frontmatter-missing");
    }

    [Fact]
    public void Lint_SheetNoRouterReaches_IsAnError()
    {
        using var f = Demo();
        f.Write("demo/skills/using-demo/orphan.md", "# Orphan\n");

        var finding = Single(Lint(f), "unreached-sheet");

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.EndsWith("orphan.md", finding.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SheetIdsDifferingOnlyInCase_AreAnError()
    {
        using var f = Demo(GoodSkill + "\n- [Alpha.md](Alpha.md)\n");
        f.Write("demo/skills/using-demo/Alpha.md", "# Alpha again\n");

        Assert.Contains("'Alpha'", Single(Lint(f), "duplicate-sheet").Message + "'Alpha'", StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_LoadProblems_AreErrors()
    {
        using var f = Demo();
        f.Write("broken/skills/using-broken/sheet.md", "# Sheet\n");

        var finding = Single(Lint(f), "load");

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("SKILL.md", finding.Message + finding.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SymptomClaimedByTwoConcerns_IsAWarningAtTheSecond()
    {
        using var f = Demo(GoodSkill + "\n\n## Alpha concern\n\n**Symptoms**: \"model too slow\", \"alpha broke\"\n\n## Beta concern\n\n**Symptoms**: \"Model too slow\", \"beta broke\"\n");

        var finding = Single(Lint(f), "symptom-overlap");

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(17, finding.Line);
        Assert.Contains("'Alpha concern'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SymptomRepeatedUnderOneConcernOrInCode_IsNotAnOverlap()
    {
        using var f = Demo(GoodSkill + "\n\n## Alpha concern\n\n**Symptoms**: \"slow\"\n\nSymptoms: \"slow\"\n\n## Beta concern\n\n```\nSymptoms: \"slow\"\n```\n");

        Assert.Empty(Lint(f));
    }

    [Fact]
    public void Lint_SymptomLineWithoutItsColon_IsReadAsInferenceReadsIt()
    {
        using var f = Demo(GoodSkill + "\n\n## Alpha concern\n\n**Symptoms** \"motor too hot\"\n\n## Beta concern\n\nSymptoms \"motor too hot\"\n");

        Assert.Equal(17, Single(Lint(f), "symptom-overlap").Line);
    }

    [Fact]
    public void Lint_ClaimInsideALongerFence_IsCodeNotAClaim()
    {
        using var f = Demo(GoodSkill + "\n````markdown\n```\nThis pack contains exactly 9 reference sheets\n```\n````\n");

        Assert.Empty(Lint(f));
    }

    [Fact]
    public void Lint_FenceNestedInAFence_IsOneErrorAtTheInnerFence()
    {
        using var f = Demo(GoodSkill + "\n```markdown\n## Example\n\n```python\nx = 1\n```\n\nafter the example\n```\n");

        var finding = Assert.Single(Lint(f));

        Assert.Equal(("nested-fence", LintSeverity.Error, 13), (finding.Code, finding.Severity, finding.Line));
        Assert.Contains("````", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_FenceThatNeverCloses_IsAnErrorWhereItOpens()
    {
        using var f = Demo(GoodSkill + "\n```\ncode\n\n## Not a heading\n");

        var finding = Single(Lint(f), "unclosed-fence");

        Assert.Equal(10, finding.Line);
    }

    [Fact]
    public void Lint_OneSkillFolderAlone_SaysNothingOfAbsentSisterPacks()
    {
        var skill = Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

        var alone = PackLinter.Lint(PackLibrary.Load([skill], []), wholeMarketplace: false);
        var inMarket = PackLinter.Lint(PackLibrary.Load([], [SharedPacks.Directory]));

        Assert.DoesNotContain(alone, f => f.Severity == LintSeverity.Error);
        Assert.DoesNotContain(alone, f => f.Code == "unknown-pack");
        Assert.DoesNotContain(inMarket, f => f.Severity == LintSeverity.Error && f.File.Contains("ml-production", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_CliOnOneSkillFolder_ExitsCleanWithoutSisterPackFindings()
    {
        var skill = Path.Combine(SharedPacks.Directory, "yzmir-ml-production", "skills", "using-ml-production");

        var result = Cli.Cli.Run(["lint", skill]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.OutLines, l => l.Contains("unknown-pack", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.EndsWith(" 0 errors, " + result.OutLines.Count(x => x.Contains(": warning ", StringComparison.Ordinal)) + " warnings", StringComparison.Ordinal));
    }
}
