using Wayfinder.Cli;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

public sealed class TerminalTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m")]
    [InlineData("a\tb\nc\rd\u007f", "a\\x09b\\x0ac\\x0dd\\x7f")]
    [InlineData("\u009b2J", "\\x9b2J")]
    [InlineData("abc\u202edef\u2028", "abc\\u202edef\\u2028")]
    [InlineData("plain text, 'quotes' and \\ stay", "plain text, 'quotes' and \\ stay")]
    public void Visible_ControlCharacters_AreWrittenAsEscapes(string text, string shown)
    {
        Assert.Equal(shown, Terminal.Visible(text));
    }

    [Fact]
    public void VisibleText_KeepsLineBreaksAndTabs()
    {
        Assert.Equal("# T\n\tcode \\x1b[2J\n", Terminal.VisibleText("# T\n\tcode \u001b[2J\n"));
    }

    [Theory]
    [InlineData("inference", "inference")]
    [InlineData("/work/shared/packs", "/work/shared/packs")]
    [InlineData("my model", "'my model'")]
    [InlineData("it's $(id)", "'it'\\''s $(id)'")]
    [InlineData("", "''")]
    public void ShellWord_QuotesOnlyWhatAShellWouldRead(string word, string quoted)
    {
        Assert.Equal(quoted, Terminal.ShellWord(word));
    }
}
