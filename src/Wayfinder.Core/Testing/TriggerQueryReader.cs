using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Wayfinder.Evaluation;
using Wayfinder.Routing;

namespace Wayfinder.Testing;

/// <summary>
/// Reads trigger queries: one JSON array of <c>{"query", "should_trigger"}</c>
/// objects. Each object is read on its own, so a bad one is a problem at the
/// line it starts on and the others still count; a break in the JSON itself
/// keeps the objects before it.
/// </summary>
internal static class TriggerQueryReader
{
    public static CaseFile Read(string path, string text)
    {
        var queries = ImmutableArray.CreateBuilder<TriggerQuery>();
        var problems = ImmutableArray.CreateBuilder<LineError>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                problems.Add(new LineError(path, 1, "trigger queries are one JSON array of {\"query\": \"...\", \"should_trigger\": true}"));
                return new CaseFile(path, CaseFormat.Trigger, [], [], problems.ToImmutable());
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineAt(bytes, reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                if (Query(element.RootElement) is { } problem)
                {
                    problems.Add(new LineError(path, line, problem));
                }
                else
                {
                    queries.Add(new TriggerQuery(element.RootElement.GetProperty("query").GetString()!, element.RootElement.GetProperty("should_trigger").GetBoolean(), line));
                }
            }

            // Anything but white space after the array is an error of its own.
            reader.Read();
        }
        catch (JsonException ex)
        {
            problems.Add(new LineError(path, (int)(ex.LineNumber ?? 0) + 1, $"not valid JSON ({ex.Message})"));
        }
        catch (InvalidOperationException ex)
        {
            // A string the JSON reader cannot decode (an escaped lone surrogate).
            problems.Add(new LineError(path, LineAt(bytes, reader.TokenStartIndex), $"unreadable text ({ex.Message})"));
        }

        return new CaseFile(path, CaseFormat.Trigger, [], queries.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>Why one element is not a trigger query, or null when it is one.</summary>
    private static string? Query(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return "a trigger query must be a JSON object {\"query\": \"...\", \"should_trigger\": true}";
        }

        if (!element.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            return "'query' is missing or not a string";
        }

        if (QuestionGuard.Check(query.GetString()) is { } bad)
        {
            return $"'query': {bad}";
        }

        return element.TryGetProperty("should_trigger", out var trigger) && trigger.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : "'should_trigger' is missing or not true or false";
    }

    private static int LineAt(byte[] bytes, long offset)
    {
        var end = (int)Math.Min(offset, bytes.Length);
        return bytes.AsSpan(0, end).Count((byte)'\n') + 1;
    }
}
