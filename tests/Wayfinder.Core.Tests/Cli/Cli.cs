using Wayfinder.Cli;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>Runs the command line in-process.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Result Run(string[] args, string stdin = "")
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = WayfinderCommand.Run(args, () => input, output, error);
        return new Result(code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }
}
