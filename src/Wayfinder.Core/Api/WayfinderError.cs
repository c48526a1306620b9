namespace Wayfinder;

/// <summary>What kind of request could not be carried out: each host says it its own way (an exit code, an HTTP status, an MCP error).</summary>
public enum WayfinderErrorKind
{
    /// <summary>The request is malformed: an empty question, a value of the wrong kind, a budget out of range, an answer no option takes.</summary>
    Invalid,

    /// <summary>What was asked for does not exist: a sheet, a section, a pack.</summary>
    NotFound,

    /// <summary>The request is larger than a limit: a question or an answer over 8 KB.</summary>
    TooLarge,
}

/// <summary>A request Wayfinder could not carry out, with a message for whoever sent it and its kind.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The one error every host maps: hosts and callers name it as the error it is, by its kind.")]
public sealed class WayfinderError : Exception
{
    /// <summary>An error of <paramref name="kind"/> with <paramref name="message"/> for whoever sent the request.</summary>
    /// <param name="kind">What kind of failure it is.</param>
    /// <param name="message">What was wrong, in plain words naming the value.</param>
    public WayfinderError(WayfinderErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>An <see cref="WayfinderErrorKind.Invalid"/> request, with <paramref name="message"/>.</summary>
    /// <param name="message">What was wrong, in plain words naming the value.</param>
    public WayfinderError(string message)
        : this(WayfinderErrorKind.Invalid, message)
    {
    }

    /// <summary>An <see cref="WayfinderErrorKind.Invalid"/> request, with a generic message.</summary>
    public WayfinderError()
        : this(WayfinderErrorKind.Invalid, "the request could not be carried out")
    {
    }

    /// <summary>An <see cref="WayfinderErrorKind.Invalid"/> request, caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The failure behind it.</param>
    public WayfinderError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What kind of failure this is.</summary>
    public WayfinderErrorKind Kind { get; }
}
