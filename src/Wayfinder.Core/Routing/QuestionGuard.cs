using System.Text;

namespace Wayfinder.Routing;

/// <summary>Checks a question before routing: hosts call it to reject bad input with a clear message.</summary>
public static class QuestionGuard
{
    /// <summary>The largest question accepted, in UTF-8 bytes.</summary>
    public const int MaxQuestionBytes = 8 * 1024;

    /// <summary>Null when the question can be routed, else why it cannot.</summary>
    public static string? Check(string? question)
    {
        if (question is null || string.IsNullOrWhiteSpace(question))
        {
            return "the question is empty; ask something, e.g. \"my model is too slow\"";
        }

        var bytes = Encoding.UTF8.GetByteCount(question);
        return bytes > MaxQuestionBytes
            ? $"the question is {bytes} bytes long; the limit is {MaxQuestionBytes} bytes (8 KB)"
            : null;
    }

    /// <summary>Null when every answer can be given, else why one cannot: each is text of at most <see cref="MaxQuestionBytes"/> bytes.</summary>
    public static string? CheckAnswers(IReadOnlyList<string?>? answers) =>
        answers is not null && answers.Any(a => a is null || Encoding.UTF8.GetByteCount(a) > MaxQuestionBytes)
            ? $"each answer must be text of at most {MaxQuestionBytes} bytes"
            : null;

    /// <summary>Throws <see cref="WayfinderError"/> when the question cannot be routed: <see cref="WayfinderErrorKind.TooLarge"/> over the limit, else <see cref="WayfinderErrorKind.Invalid"/>.</summary>
    public static void ThrowIfInvalid(string? question)
    {
        if (Check(question) is { } problem)
        {
            throw new WayfinderError(KindOf(question), problem);
        }
    }

    /// <summary>The kind of a question's problem: too large when it is over the limit, else invalid.</summary>
    public static WayfinderErrorKind KindOf(string? question) =>
        question is not null && Encoding.UTF8.GetByteCount(question) > MaxQuestionBytes ? WayfinderErrorKind.TooLarge : WayfinderErrorKind.Invalid;
}
