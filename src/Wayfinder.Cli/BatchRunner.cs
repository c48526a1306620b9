using System.Text.Json;
using System.Text;
using Wayfinder.Api;
using Wayfinder.Serialization;

namespace Wayfinder.Cli;

/// <summary>
/// JSON Lines in, JSON Lines out: one decision (or one error object naming the
/// line) per non-blank input line; a bad line never stops the batch.
/// </summary>
internal static class BatchRunner
{
    public static int Run(WayfinderService service, string file, Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        var fromStdin = file == "-";
        var source = fromStdin ? "standard input" : file;
        if (!fromStdin && Directory.Exists(file))
        {
            return NotAFile(stderr, source);
        }

        TextReader reader;
        try
        {
            // A file's byte order mark is read as one; standard input's comes through as U+FEFF, dropped below.
            reader = fromStdin ? stdin() : new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: false));
        }
        catch (StandardInput.DirectoryException)
        {
            return NotAFile(stderr, source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return WayfinderCommand.Usage(stderr, $"cannot read batch file '{file}': {ex.Message}");
        }

        using (fromStdin ? null : reader)
        {
            var number = 0;
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    number++;
                    if (number == 1 && line.StartsWith('\uFEFF'))
                    {
                        line = line[1..];
                    }

                    if (!string.IsNullOrWhiteSpace(line))
                    {
                        stdout.WriteLine(RouteLine(service, line, number));
                    }
                }
            }
            catch (IOException ex)
            {
                return WayfinderCommand.Usage(stderr, $"cannot read {source} after line {number}: {ex.Message}");
            }
        }

        return WayfinderCommand.Ok;
    }

    private static int NotAFile(TextWriter stderr, string source) =>
        WayfinderCommand.Usage(stderr, $"{source} is a directory, not a file of questions");

    internal static string RouteLine(WayfinderService service, string line, int number)
    {
        string? id = null;
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Error(null, number, "expected a JSON object like {\"id\": \"q1\", \"query\": \"...\"}");
            }

            var root = doc.RootElement;
            id = root.TryGetProperty("id", out var idElement) ? Scalar(idElement) : null;
            var query = root.TryGetProperty("query", out var q) ? q : root.TryGetProperty("question", out var q2) ? q2 : default;
            if (query.ValueKind != JsonValueKind.String)
            {
                return Error(id, number, query.ValueKind == JsonValueKind.Undefined ? "missing \"query\"" : "\"query\" must be a string");
            }

            var answers = new List<string>();
            if (root.TryGetProperty("answers", out var a))
            {
                if (a.ValueKind != JsonValueKind.Array)
                {
                    return Error(id, number, "\"answers\" must be an array of strings");
                }

                foreach (var item in a.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return Error(id, number, "\"answers\" must be an array of strings");
                    }

                    answers.Add(item.GetString()!);
                }
            }

            var decision = service.Route(query.GetString(), answers);
            if (decision.UnmatchedAnswer is not null)
            {
                return Error(id, number, "answer " + RouteCommand.Unmatched(decision));
            }

            return WayfinderJson.Serialize(decision with { Id = id ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        catch (WayfinderError refused)
        {
            // The service's words, naming the line; the rest of the batch still runs.
            return Error(id, number, refused.Message);
        }
        catch (JsonException ex)
        {
            return Error(id, number, $"not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // e.g. a string holding an escaped lone surrogate ("\ud800") cannot be read as text.
            return Error(id, number, $"cannot read the line's text: {ex.Message}");
        }
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };

    private static string Error(string? id, int line, string message) =>
        WayfinderJson.Serialize(new BatchError(id, line, $"line {line}: {message}"));
}
