using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Wayfinder.Api;

/// <summary>
/// The named values of one request as a host received them (the body of an
/// HTTP request, the arguments of an MCP tool call), read the same way for
/// every host by <see cref="WayfinderService"/>. Every problem is a
/// <see cref="WayfinderError"/> in plain words naming the value:
/// a name given twice, a name the request does not take, a value of the wrong
/// kind, text that is not valid Unicode.
/// </summary>
public sealed class RequestArguments
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly string _noun;
    private readonly string _owner;

    private RequestArguments(Dictionary<string, JsonElement> values, string noun, string owner)
    {
        _values = values;
        _noun = noun;
        _owner = owner;
    }

    /// <summary>The properties of a JSON object, each name at most once.</summary>
    /// <param name="json">The object, e.g. an HTTP request's body.</param>
    /// <param name="noun">What the host calls one value, for messages: <c>property</c>, <c>argument</c>.</param>
    /// <param name="owner">What takes the values, for messages: <c>the request</c>, a tool's name.</param>
    /// <exception cref="WayfinderError">Not an object, a name given twice, or a name that is not valid Unicode.</exception>
    public static RequestArguments FromObject(JsonElement json, string noun, string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(noun);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new WayfinderError($"{owner} must be a JSON object such as {{\"question\": \"...\"}}, not {Describe(json)}");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            var name = NameOf(property, noun);
            if (!values.TryAdd(name, property.Value))
            {
                throw new WayfinderError($"the {noun} '{name}' is given twice; give it once");
            }
        }

        return new RequestArguments(values, noun, owner);
    }

    /// <summary>Values already split by name (as an MCP tool call's arguments are); none is no values.</summary>
    /// <inheritdoc cref="FromObject" path="/param"/>
    public static RequestArguments FromValues(IEnumerable<KeyValuePair<string, JsonElement>>? values, string noun, string owner)
    {
        ArgumentException.ThrowIfNullOrEmpty(noun);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return new RequestArguments(new Dictionary<string, JsonElement>(values ?? [], StringComparer.Ordinal), noun, owner);
    }

    /// <summary>Null when <paramref name="bytes"/> are valid UTF-8; else where they are not, in words: <c>not valid UTF-8: byte 0xE9 at offset 16</c>.</summary>
    public static string? Utf8Problem(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return null;
        }

        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid UTF-8: byte 0x{bytes[offset]:X2} at offset {offset}");
    }

    /// <summary>A JSON value in words, for messages: <c>a string</c>, <c>the number 5</c>, <c>an object</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => string.Create(CultureInfo.InvariantCulture, $"the number {Shortened(value.GetRawText())}"),
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Refuses every name but <paramref name="names"/>, naming the ones it does not take.</summary>
    internal void Allow(params ReadOnlySpan<string> names)
    {
        var allowed = names.ToArray();
        var unknown = _values.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var plural = _noun.EndsWith('y') ? _noun[..^1] + "ies" : _noun + "s";
        var takes = allowed.Length == 0 ? $"takes no {plural}" : $"takes {string.Join(", ", allowed)}";
        throw new WayfinderError($"unknown {(unknown.Count == 1 ? _noun : plural)} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; {_owner} {takes}");
    }

    /// <summary>A text value; null (or absent) is none.</summary>
    internal string? Text(string name, bool required)
    {
        if (!_values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new WayfinderError($"'{name}' is required") : null;
        }

        return value.ValueKind == JsonValueKind.String
            ? Unicode(value, $"'{name}'")
            : throw new WayfinderError($"'{name}' must be a string, not {Describe(value)}");
    }

    /// <summary>An array of text values; null (or absent) is none.</summary>
    internal List<string>? Texts(string name)
    {
        if (!_values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new WayfinderError($"'{name}' must be an array of strings, not {Describe(value)}");
        }

        var texts = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            texts.Add(item.ValueKind == JsonValueKind.String
                ? Unicode(item, $"item {texts.Count + 1} of '{name}'")
                : throw new WayfinderError($"'{name}' must be an array of strings, but item {texts.Count + 1} is {Describe(item)}"));
        }

        return texts;
    }

    /// <summary>A whole number; null (or absent) is none.</summary>
    internal int? Integer(string name)
    {
        if (!_values.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new WayfinderError($"'{name}' must be a whole number, not {Describe(value)}");
    }

    private static string Unicode(JsonElement value, string what)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped surrogate with no partner ("\ud800") is valid JSON but no text.
            throw new WayfinderError($"{what} is not valid Unicode text: it holds a lone surrogate (an escaped \\uD800-\\uDFFF with no partner)");
        }
    }

    private static string NameOf(JsonProperty property, string noun)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new WayfinderError($"the name of a {noun} is not valid Unicode text: it holds a lone surrogate (an escaped \\uD800-\\uDFFF with no partner)");
        }
    }

    private static string Shortened(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
