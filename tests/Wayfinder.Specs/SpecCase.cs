namespace Wayfinder.Specs;

/// <summary>One case of a specification file: a question, its answers and what the router must decide.</summary>
public sealed record SpecCase(
    string Id,
    string Title,
    string Source,
    string File,
    int Line,
    IReadOnlyDictionary<string, string> Fields)
{
    public string Query => Fields["query"];

    public IReadOnlyList<string> Answers => List("answers");

    public string? Get(string key) => Fields.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyList<string> List(string key)
    {
        var value = Get(key);
        return value is null || value.Trim() == "-"
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public override string ToString() => $"{Id} ({File}:{Line})";
}
