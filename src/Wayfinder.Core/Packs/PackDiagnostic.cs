namespace Wayfinder.Packs;

/// <summary>A problem found in a pack, with the file and line it is on.</summary>
public sealed record PackDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary><c>FILE:LINE:COLUMN: MESSAGE</c>, or <c>FILE: MESSAGE</c> with no line.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>A pack could not be loaded; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class PackLoadException : Exception
{
    /// <summary>A failed load, with every problem found.</summary>
    /// <param name="diagnostics">The problems, each with its file and line.</param>
    public PackLoadException(IReadOnlyList<PackDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>A failed load with no problem named.</summary>
    public PackLoadException()
        : this([])
    {
    }

    /// <summary>A failed load, in words.</summary>
    /// <param name="message">What failed.</param>
    public PackLoadException(string message)
        : base(message)
    {
        Diagnostics = [];
    }

    /// <summary>A failed load, caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The failure behind it.</param>
    public PackLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Every problem found; empty when the load failed for one reason given in the message.</summary>
    public IReadOnlyList<PackDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<PackDiagnostic> diagnostics) =>
        diagnostics.Count == 0
            ? "The pack could not be loaded."
            : $"The pack has {diagnostics.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, diagnostics);
}
