namespace Wayfinder.Packs;

/// <summary>A problem found in a pack, with the file and line it is on.</summary>
public sealed record PackDiagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>A pack could not be loaded; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class PackLoadException : Exception
{
    public PackLoadException(IReadOnlyList<PackDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public PackLoadException()
        : this([])
    {
    }

    public PackLoadException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    public PackLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    public IReadOnlyList<PackDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<PackDiagnostic> diagnostics) =>
        diagnostics.Count == 0
            ? "The pack could not be loaded."
            : $"The pack has {diagnostics.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, diagnostics);
}
