using Wayfinder.Core.Tests.Support;
using Wayfinder.Library;
using Wayfinder.Lint;
using Xunit;

namespace Wayfinder.Core.Tests.Lint;

/// <summary>
/// A marketplace seeded with one defect of each kind lint knows, each on a
/// line the test knows: every one is found, at its line, and nothing else is
/// reported as an error.
/// </summary>
public sealed class SeededDefectsTests : IDisposable
{
    private readonly SheetFixture _f = new();

    public SeededDefectsTests()
    {
        _f.Write(".claude-plugin/marketplace.json", """
            {
              "name": "seeded",
              "plugins": [
                { "name": "kit", "source": "./plugins/kit", "description": "Widget care: 9 reference sheets, 1 command, 1 agent." },
                { "name": "ghost", "source": "./plugins/ghost", "description": "Not there." },
                { "name": "kit", "source": "./plugins/kit", "description": "Listed twice." },
                { "name": "broken", "source": "./plugins/broken", "description": "Bad manifest." }
              ]
            }
            """);
        _f.Write("plugins/kit/.claude-plugin/plugin.json", """{ "name": "kit", "description": "Widget care in 3 reference sheets." }""");
        _f.Write("plugins/kit/commands/deploy-widget.md", "---\ndescription: Deploys a widget.\n---\n# Deploy\n\nSee `kit/widget-tuning`.\n");
        _f.Write("plugins/kit/agents/widget-reviewer.md", "---\ndescription: Reviews widgets.\n---\n# Reviewer\n");
        _f.Write("plugins/kit/skills/using-kit/SKILL.md", string.Join('\n', [
            "---",                                                             // 1
            "name: using-kit",                                                 // 2
            "description: Routes widget questions to the widget sheets.",      // 3
            "compatibility: " + new string('c', 501),                          // 4
            "metadata:",                                                       // 5
            "  owner: widgets",                                                // 6
            "  tags: [a, b]",                                                  // 7
            "---",                                                             // 8
            "# Widget router",                                                 // 9
            "",                                                                // 10
            "This pack contains exactly 5 reference sheets.",                  // 11
            "",                                                                // 12
            "## Basics (2 sheets)",                                            // 13
            "",                                                                // 14
            "- [widget-tuning.md](widget-tuning.md) for tuning a widget",      // 15
            "- [widget-care.md](widget-care.md) for cleaning a widget",        // 16
            "## More",                                                         // 17
            "- [gadget.md](gadget.md) for gadgets",                            // 18
            "- `widget-tunning.md` when the widget is slow",                   // 19
            "- `kit/no-such-sheet` for nothing",                               // 20
            "- `kit/deploy-widget` and `kit:widget-reviewer` exist",           // 21
            "- `kit-absent/sheet` is in no plugin",                            // 22
            "- run `/missing-command` after",                                  // 23
            "- [broken-fences.md](broken-fences.md) and [plain-fences.md](plain-fences.md) show fences", // 24
            "- [bad-front.md](bad-front.md) has bad frontmatter",              // 25
            "",                                                                // 26
            ..Enumerable.Repeat("Filler line.", 480),
        ]));
        _f.Write("plugins/kit/skills/using-kit/widget-tuning.md", "# Tuning\n\nTune it. The care steps are in `using-kit-extra.md`.\n");
        _f.Write("plugins/kit/skills/using-kit-extra/SKILL.md", "---\nname: using-kit-extra\ndescription: More widget questions.\n---\n# Extra\n\n- [extra-care.md](extra-care.md) for more care\n");
        _f.Write("plugins/kit/skills/using-kit-extra/extra-care.md", "# Extra care\n\nMore.\n");
        _f.Write("plugins/kit/skills/using-kit/widget-care.md", "# Care\n\nClean it; see [the sister plugin](../../broken/).\n");
        _f.Write("plugins/kit/skills/using-kit/orphan.md", "# Orphan\n\nNobody links here.\n");
        _f.Write("plugins/kit/skills/using-kit/bad-front.md", "---\nname: bad-front\ndescription: Use when: the colon breaks it\n---\n# Bad\n");
        _f.Write("plugins/kit/skills/using-kit/broken-fences.md", string.Join('\n', [
            "# Fences",                 // 1
            "",                         // 2
            "```markdown",              // 3
            "# An example README",      // 4
            "```python",                // 5
            "print('hi')",              // 6
            "```",                      // 7
            "[Guide](docs/guide.md)",   // 8: the example's link, not the pack's
            "```",                      // 9
            "",                         // 10
        ]));
        _f.Write("plugins/kit/skills/using-kit/plain-fences.md", string.Join('\n', [
            "# Plain",                  // 1
            "",                         // 2
            "[Missing](missing.md)",    // 3
            "",                         // 4
            "```bash",                  // 5
            "never closed",             // 6
        ]));
        _f.Write("plugins/broken/.claude-plugin/plugin.json", "{ \"name\": ");
        _f.Write("plugins/broken/skills/using-broken/SKILL.md", "# No frontmatter\n\nNothing.\n");
    }

    public void Dispose() => _f.Dispose();

    private List<LintFinding> Lint() =>
        [.. PackLinter.Lint(PackLibrary.Load([], [_f.Root]), new LintOptions { Marketplaces = [_f.Root], Overlap = false })];

    /// <summary>Each seeded defect: its code, its file (relative to the marketplace) and its line.</summary>
    private static readonly (string Code, string File, int Line)[] Seeded =
    [
        ("plugin-missing", ".claude-plugin/marketplace.json", 5),
        ("duplicate-name", ".claude-plugin/marketplace.json", 6),
        ("count-claim", ".claude-plugin/marketplace.json", 4),
        ("count-claim", "plugins/kit/.claude-plugin/plugin.json", 1),
        ("plugin-json", "plugins/broken/.claude-plugin/plugin.json", 1),
        ("frontmatter-missing", "plugins/broken/skills/using-broken/SKILL.md", 1),
        ("compatibility-length", "plugins/kit/skills/using-kit/SKILL.md", 4),
        ("metadata-type", "plugins/kit/skills/using-kit/SKILL.md", 5),
        ("count-claim", "plugins/kit/skills/using-kit/SKILL.md", 11),
        ("broken-link", "plugins/kit/skills/using-kit/SKILL.md", 18),
        ("unknown-sheet", "plugins/kit/skills/using-kit/SKILL.md", 19),
        ("broken-reference", "plugins/kit/skills/using-kit/SKILL.md", 20),
        ("unknown-pack", "plugins/kit/skills/using-kit/SKILL.md", 22),
        ("broken-reference", "plugins/kit/skills/using-kit/SKILL.md", 23),
        ("skill-size", "plugins/kit/skills/using-kit/SKILL.md", 501),
        ("broken-link", "plugins/kit/skills/using-kit/widget-care.md", 3),
        ("broken-reference", "plugins/kit/skills/using-kit/widget-tuning.md", 3),
        ("unreached-sheet", "plugins/kit/skills/using-kit/orphan.md", 1),
        ("frontmatter-yaml", "plugins/kit/skills/using-kit/bad-front.md", 3),
        ("nested-fence", "plugins/kit/skills/using-kit/broken-fences.md", 5),
        ("broken-link", "plugins/kit/skills/using-kit/plain-fences.md", 3),
        ("unclosed-fence", "plugins/kit/skills/using-kit/plain-fences.md", 5),
    ];

    public static TheoryData<string, string, int> SeededDefects()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (code, file, line) in Seeded)
        {
            data.Add(code, file, line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeededDefects))]
    public void Lint_SeededDefect_IsFoundAtItsLine(string code, string file, int line)
    {
        var findings = Lint();

        Assert.Contains(findings, f => f.Code == code && f.Line == line && Relative(f.File) == file);
    }

    [Fact]
    public void Lint_SeededMarketplace_ReportsNoErrorBeyondTheSeededOnes()
    {
        var errors = Lint().Where(f => f.Severity == LintSeverity.Error).Select(f => (f.Code, Relative(f.File), f.Line)).ToList();

        Assert.Empty(errors.Except(Seeded));
    }

    [Fact]
    public void Lint_FolderLinkOneLevelShort_NamesTheSisterItWouldReach()
    {
        var finding = Assert.Single(Lint(), f => f.Code == "broken-link" && f.File.EndsWith("widget-care.md", StringComparison.Ordinal));

        Assert.Contains("one '../' more reaches 'broken'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_SisterSkillNamedAsAFile_SaysWhereItsRouterIs()
    {
        var finding = Assert.Single(Lint(), f => f.Code == "broken-reference" && f.File.EndsWith("widget-tuning.md", StringComparison.Ordinal));

        Assert.Contains("whose router is ../using-kit-extra/SKILL.md", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_CommandsAndAgentsThatExist_AreNotFindings()
    {
        var findings = Lint();

        Assert.DoesNotContain(findings, f => f.Line == 21 && f.File.EndsWith("SKILL.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_LinkInsideAMisreadFence_IsNotReported()
    {
        Assert.DoesNotContain(Lint(), f => f.Line == 8 && f.File.EndsWith("broken-fences.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_CountClaimInAHeading_CountsItsSection()
    {
        Assert.DoesNotContain(Lint(), f => f.Code == "count-claim" && f.Line == 13);
    }

    [Fact]
    public void Lint_UnknownSheet_SuggestsTheNearestFile()
    {
        var finding = Assert.Single(Lint(), f => f.Code == "unknown-sheet");

        Assert.Contains("did you mean 'widget-tuning.md'?", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_MalformedFrontmatter_SaysTheRuleTheFieldsLostAndHowToFix()
    {
        var finding = Assert.Single(Lint(), f => f.Code == "frontmatter-yaml");

        Assert.Contains("holds ': '", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'name', 'description' are lost", finding.Message, StringComparison.Ordinal);
        Assert.Equal("description: \"Use when: the colon breaks it\"", Assert.Single(finding.Fix!.Edits).Text);
    }

    [Fact]
    public void Fix_AppliedToTheSeededFiles_LeavesNoFenceOrFrontmatterFinding()
    {
        var plan = LintFixer.Plan(Lint(), File.ReadAllText);
        foreach (var file in plan)
        {
            File.WriteAllText(file.File, file.After);
        }

        var after = Lint();

        Assert.Equal(2, plan.Count);
        Assert.DoesNotContain(after, f => f.Code is "nested-fence" or "frontmatter-yaml");
        Assert.Contains("+````markdown", plan.Single(p => p.File.EndsWith("broken-fences.md", StringComparison.Ordinal)).Diff, StringComparison.Ordinal);
    }

    private string Relative(string file) => Path.GetRelativePath(_f.Root, file).Replace('\\', '/');
}
