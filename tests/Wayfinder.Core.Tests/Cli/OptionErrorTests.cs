using Wayfinder.Cli;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>Options given a value they cannot take: a usage error in plain words, never a .NET type name.</summary>
public sealed class OptionErrorTests
{
    [Theory]
    [InlineData("--budget must be a whole number from 1 to 200000, not '99999999999'", "context", "q", "--budget", "99999999999")]
    [InlineData("--budget must be a whole number from 1 to 200000, not '1.5'", "context", "q", "--budget", "1.5")]
    [InlineData("--rate-limit must be a whole number from 1 to 2147483647, not 'lots'", "serve", "--rate-limit", "lots")]
    [InlineData("--timeout must be a number of seconds from 0.001 to 86400, not 'NaN'", "serve", "--timeout", "NaN")]
    [InlineData("--passages must be sheet or section, not 'paragraph'", "eval", "gold.jsonl", "--passages", "paragraph")]
    public void Option_BadValue_IsAUsageErrorSayingWhatItMustBe(string message, params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(WayfinderCommand.UsageError, result.ExitCode);
        Assert.StartsWith($"wayfinder: {message}\n", result.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void EveryOptionTakingANumberOrAName_RejectsBadValuesWithoutATypeName()
    {
        var root = WayfinderCommand.Create(() => TextReader.Null, TextWriter.Null, TextWriter.Null);
        var typed = root.Subcommands.SelectMany(c => c.Options.Select(o => (Command: c, Option: o)))
            .Where(x => x.Option.ValueType != typeof(bool) && x.Option.ValueType != typeof(string) && x.Option.ValueType != typeof(string[]))
            .ToList();

        Assert.True(typed.Count >= 4, $"only {typed.Count} typed options were found");
        foreach (var (command, option) in typed)
        {
            foreach (var bad in new[] { "x", "99999999999", "-99999999999", "NaN", "-1e999", "1e999", "" })
            {
                var parsed = root.Parse([command.Name, .. command.Arguments.Select(_ => "a"), option.Name, bad]);

                var error = Assert.Single(parsed.Errors);
                Assert.StartsWith($"{option.Name} must be ", error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
            }
        }
    }
}
