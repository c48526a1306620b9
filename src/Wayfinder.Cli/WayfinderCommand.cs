using System.CommandLine;
using System.CommandLine.Parsing;
using Wayfinder.Routing;

namespace Wayfinder.Cli;

/// <summary>The <c>wayfinder</c> command line: parsing and exit codes; the work is in Core.</summary>
public static class WayfinderCommand
{
    /// <summary>A decision (or listing) was produced.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed inside Wayfinder.</summary>
    public const int InternalError = 1;

    /// <summary>The command line or its input was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs the command line. <paramref name="stdin"/> is asked for only when
    /// a command reads standard input (setting the console's reader up is a
    /// visible part of a native start).
    /// </summary>
    public static int Run(string[] args, Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Create(stdin, stdout, stderr);
        var parsed = root.Parse(args);
        if (UnknownOption(parsed) is { } unknown)
        {
            var command = parsed.CommandResult.Command;
            var instead = command.Arguments.FirstOrDefault() is { } argument
                ? $"; to give it as the {argument.Name}, put it after --: wayfinder {command.Name} -- {Terminal.ShellWord(unknown)}"
                : "";
            Usage(stderr, $"unknown option '{unknown}'{instead}");
            stderr.WriteLine("Run 'wayfinder --help' for usage.");
            return UsageError;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"wayfinder: {Terminal.Visible(error.Message)}");
            }

            stderr.WriteLine("Run 'wayfinder --help' for usage.");
            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (WayfinderError refused)
        {
            // The service refused the request: whatever its kind (invalid, not found, too large), the caller's to fix.
            return Usage(stderr, refused.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"wayfinder: internal error: {Terminal.Visible(ex.Message)}");
            return InternalError;
        }
    }

    /// <summary>The root command with every command of the line, writing to the writers given.</summary>
    internal static Command Create(Func<TextReader> stdin, TextWriter stdout, TextWriter stderr)
    {
        // Built once, and only by the commands that need it.
        var builtIn = new Lazy<Router>(Router.CreateBuiltIn);
        return CliRoot.Create(
            "Wayfinder routes questions about ML in production to the reference sheets that answer them.",
            RouteCommand.Create(builtIn, stdin, stdout, stderr),
            PacksCommand.Create(builtIn, stdout, stderr),
            SheetsCommand.Create(builtIn, stdout, stderr),
            EvalCommand.Create(builtIn, stdout, stderr),
            FitCommand.Create(builtIn, stdout, stderr),
            ContextCommand.Create(builtIn, stdout, stderr),
            OpenCommand.Create(builtIn, stdout, stderr),
            LintCommand.Create(stdout, stderr),
            TestCommand.Create(builtIn, stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            InferCommand.Create(stdout, stderr),
            McpCommand.Create(builtIn, stderr),
            ServeCommand.Create(builtIn, stderr));
    }

    /// <summary>
    /// A word before <c>--</c> that looks like an option but is none of the
    /// command's, which the parser would otherwise have taken as the question
    /// (or a folder, a gold file) or left over.
    /// </summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var arguments = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToList();
        foreach (var token in parsed.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash))
        {
            if (token is { Type: TokenType.Argument, Value: ['-', _, ..] }
                && (arguments.Exists(a => ReferenceEquals(a, token)) || parsed.UnmatchedTokens.Contains(token.Value)))
            {
                return token.Value;
            }
        }

        return null;
    }

    internal static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"wayfinder: {Terminal.Visible(message)}");
        return UsageError;
    }
}
