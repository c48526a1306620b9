using System.Text;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

public sealed class QuestionGuardTests
{
    [Theory]
    [InlineData("my model is too slow")]
    [InlineData("?")]
    [InlineData("\u0001")]
    public void Check_RoutableQuestion_IsNull(string question)
    {
        Assert.Null(QuestionGuard.Check(question));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n")]
    public void Check_EmptyQuestion_SaysItIsEmpty(string? question)
    {
        Assert.Contains("empty", QuestionGuard.Check(question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void Check_LongQuestion_NamesItsByteCountAndTheLimit(int bytesPerChar, int extra)
    {
        var unit = bytesPerChar switch { 1 => "a", 2 => "é", 3 => "€", _ => "🚀" };
        var question = string.Concat(Enumerable.Repeat(unit, (QuestionGuard.MaxQuestionBytes / bytesPerChar) + 1 + extra));
        var bytes = Encoding.UTF8.GetByteCount(question);
        Assert.True(bytes > QuestionGuard.MaxQuestionBytes);

        var problem = QuestionGuard.Check(question);

        Assert.NotNull(problem);
        Assert.Contains($"{bytes} bytes", problem, StringComparison.Ordinal);
        Assert.Contains($"limit is {QuestionGuard.MaxQuestionBytes} bytes", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_QuestionAtTheLimit_IsNull()
    {
        Assert.Null(QuestionGuard.Check(string.Concat(Enumerable.Repeat("🚀", QuestionGuard.MaxQuestionBytes / 4))));
    }
}
