using System.Collections.Immutable;
using Wayfinder.Evaluation;
using Wayfinder.Library;
using Wayfinder.Packs;
using Wayfinder.Routing;

namespace Wayfinder.Testing;

/// <summary>
/// Where a skill keeps its routing cases, and how a file of them is read. A
/// skill's cases sit beside its SKILL.md or in its <c>evals/</c> folder (where
/// the Agent Skills guidance keeps a skill's evals):
/// <list type="bullet">
/// <item><c>routing-cases.jsonl</c>: questions and the sheets they must reach first, in the gold format;</item>
/// <item><c>eval_queries.json</c> (and the guidance's split of it, <c>train_queries.json</c> and
/// <c>validation_queries.json</c>): queries that should or should not bring the skill in.</item>
/// </list>
/// </summary>
public static class CaseFiles
{
    /// <summary>A skill's routing cases, in the gold format.</summary>
    public const string RoutingCases = "routing-cases.jsonl";

    /// <summary>A skill's trigger queries, under the name the Agent Skills guidance gives them.</summary>
    public const string TriggerQueries = "eval_queries.json";

    /// <summary>The folder beside SKILL.md the Agent Skills guidance keeps evals in.</summary>
    public const string EvalsFolder = "evals";

    /// <summary>Every name a skill's case file goes by, in the order its files are run.</summary>
    public static ImmutableArray<string> Names { get; } = [RoutingCases, TriggerQueries, "train_queries.json", "validation_queries.json"];

    /// <summary>
    /// The case files of <paramref name="pack"/>, in a fixed order (beside
    /// SKILL.md first, then in <c>evals/</c>; by <see cref="Names"/> in each),
    /// each read through the pack's own door: nothing outside the pack is read.
    /// </summary>
    public static ImmutableArray<CaseFile> Of(MarkdownPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var skill = Path.GetDirectoryName(pack.SkillFile) ?? "";
        var files = ImmutableArray.CreateBuilder<CaseFile>();
        foreach (var folder in new[] { skill, Path.Join(skill, EvalsFolder) })
        {
            foreach (var name in Names)
            {
                var path = Path.Join(folder, name);
                if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
                {
                    continue;
                }

                var diagnostics = new List<PackDiagnostic>();
                var shown = Shown(path);
                files.Add(PackFiles.ReadText(pack.Root.Length > 0 ? pack.Root : skill, path, diagnostics) is { } text
                    ? Parse(shown, text)
                    : CaseFile.Unreadable(shown, string.Join("; ", diagnostics.Select(d => d.Message))));
            }
        }

        return files.ToImmutable();
    }

    /// <summary>A case file named by the user (<c>--cases</c>), read as it is; a file that cannot be read is one problem.</summary>
    public static CaseFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(path, File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CaseFile.Unreadable(path, $"cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads the cases in <paramref name="text"/>: a JSON array is trigger
    /// queries, anything else gold JSON Lines. <paramref name="path"/> names
    /// the file in problems.
    /// </summary>
    public static CaseFile Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        var file = text.TrimStart().StartsWith('[') ? TriggerQueryReader.Read(path, text) : Gold(path, text);
        return file.Count == 0 && file.Problems.IsEmpty
            ? file with { Problems = [new LineError(path, 1, "holds no routing case")] }
            : file;
    }

    private static CaseFile Gold(string path, string text)
    {
        using var reader = new StringReader(text);
        var set = GoldSet.ReadCases(reader, path);
        var problems = set.Problems.ToBuilder();
        var cases = ImmutableArray.CreateBuilder<GoldQuestion>();
        foreach (var q in set.Questions)
        {
            if (QuestionGuard.Check(q.Query) is { } bad)
            {
                problems.Add(new LineError(path, q.Line, $"'query': {bad}"));
            }
            else if (q.AcceptFirst.IsEmpty && q.Clarify != ClarifyExpectation.Required)
            {
                problems.Add(new LineError(path, q.Line, "'accept_first' is empty and 'clarify' is not 'required': no route could pass"));
            }
            else
            {
                cases.Add(q);
            }
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new CaseFile(path, CaseFormat.Gold, cases.ToImmutable(), [], problems.ToImmutable());
    }

    /// <summary>A path as shown: relative to the current folder when it lies below it, else whole.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
