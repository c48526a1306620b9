using System.Collections.Immutable;
using System.Text.Json;

namespace Wayfinder.Evaluation;

/// <summary>When asking a clarifying question is right for a gold question.</summary>
public static class ClarifyExpectation
{
    /// <summary>The router must ask.</summary>
    public const string Required = "required";

    /// <summary>Asking counts as right too.</summary>
    public const string Allowed = "allowed";

    /// <summary>The question is clear: asking is a miss.</summary>
    public const string Wrong = "wrong";
}

/// <summary>
/// One question with its expected routing, in the gold format of
/// <c>shared/eval/dev-questions.jsonl</c>: destinations are <c>pack/sheet</c>
/// or <c>pack/*</c> (any sheet of that pack).
/// </summary>
public sealed record GoldQuestion(
    string Id,
    string Query,
    ImmutableArray<string> AcceptFirst,
    ImmutableArray<string> Relevant,
    string Clarify,
    ImmutableArray<string> Advisories,
    string? Split,
    int Line)
{
    /// <summary>
    /// The project the question was asked in (<c>owner/repo</c>, a forum's
    /// name), when the file says: fitting reads a question without the other
    /// questions of its project, so that what it learns carries to projects it
    /// has not seen.
    /// </summary>
    public string? Project { get; init; }

    /// <summary>
    /// Answers to the questions routing asks first, in order (<c>"answers"</c>),
    /// as <c>route --answer</c> gives them; empty when the line has none.
    /// </summary>
    public ImmutableArray<string> Answers { get; init; } = [];
}

/// <summary>A line of a gold or case file that could not be used: where it is and why.</summary>
public sealed record LineError(string Source, int Line, string Message)
{
    /// <summary><c>source:line: message</c>, as every host prints it.</summary>
    public override string ToString() => $"{Source}:{Line}: {Message}";
}

/// <summary>A gold file read whole: the questions it holds and the lines it could not use.</summary>
public sealed record GoldSet(string Source, ImmutableArray<GoldQuestion> Questions, ImmutableArray<LineError> Problems)
{
    /// <summary>The lines it could not use, each as <c>source:line: message</c>.</summary>
    public ImmutableArray<string> Errors => [.. Problems.Select(p => p.ToString())];

    /// <summary>Reads a gold file; a bad line is reported with its number and the others are kept.</summary>
    public static GoldSet Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads gold JSON Lines from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static GoldSet Read(TextReader reader, string source) => Read(reader, source, idRequired: true);

    /// <summary>
    /// Reads the routing cases a pack's author keeps (<c>wayfinder test</c>):
    /// the same format, but a line may leave out its id, and its line number
    /// (<c>line 7</c>) stands in for it.
    /// </summary>
    public static GoldSet ReadCases(TextReader reader, string source) => Read(reader, source, idRequired: false);

    private static GoldSet Read(TextReader reader, string source, bool idRequired)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var questions = ImmutableArray.CreateBuilder<GoldQuestion>();
        var errors = ImmutableArray.CreateBuilder<LineError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var question = Parse(line, number, idRequired);
                if (!ids.Add(question.Id))
                {
                    errors.Add(new LineError(source, number, $"id '{question.Id}' appears twice"));
                    continue;
                }

                questions.Add(question);
            }
            catch (JsonException ex)
            {
                errors.Add(new LineError(source, number, $"not a JSON object ({ex.Message})"));
            }
            catch (FormatException ex)
            {
                errors.Add(new LineError(source, number, ex.Message));
            }
            catch (InvalidOperationException ex)
            {
                // A string the JSON reader cannot decode (an escaped lone surrogate).
                errors.Add(new LineError(source, number, $"unreadable text ({ex.Message})"));
            }
        }

        return new GoldSet(source, questions.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>The questions of one split, or all of them when <paramref name="split"/> is null.</summary>
    public ImmutableArray<GoldQuestion> InSplit(string? split) =>
        split is null ? Questions : [.. Questions.Where(q => q.Split == split)];

    private static GoldQuestion Parse(string line, int number, bool idRequired)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a gold line must be a JSON object");
        }

        var named = root.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number;
        var id = named
            ? idValue.ToString()
            : idRequired ? throw new FormatException("'id' is missing") : $"line {number}";

        // A line known by its number is named by the line already.
        var of = named ? $"'{id}': " : "";
        var query = (root.TryGetProperty("query", out var q) || root.TryGetProperty("text", out q)) && q.ValueKind == JsonValueKind.String
            ? q.GetString()!
            : throw new FormatException($"{of}'query' is missing or not a string");
        var clarify = root.TryGetProperty("clarify", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : ClarifyExpectation.Wrong;
        if (clarify is not (ClarifyExpectation.Required or ClarifyExpectation.Allowed or ClarifyExpectation.Wrong))
        {
            throw new FormatException($"{of}'clarify' must be required, allowed or wrong, not '{clarify}'");
        }

        var split = root.TryGetProperty("split", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var project = root.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return new GoldQuestion(
            id,
            query,
            Strings(root, "accept_first", of),
            Strings(root, "relevant", of),
            clarify,
            Strings(root, "advisories", of),
            split,
            number)
        {
            Project = string.IsNullOrWhiteSpace(project) ? null : project,
            Answers = Strings(root, "answers", of),
        };
    }

    private static ImmutableArray<string> Strings(JsonElement root, string name, string of)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{of}'{name}' must be a list of strings");
        }

        var items = ImmutableArray.CreateBuilder<string>();
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FormatException($"{of}'{name}' must be a list of strings"));
        }

        return items.ToImmutable();
    }
}
