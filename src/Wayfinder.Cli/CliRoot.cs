using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Wayfinder.Cli;

/// <summary>
/// The root of the command line: <c>wayfinder</c> with the standard help and
/// version options, written here rather than taken from <c>RootCommand</c>.
/// The library's own options read their descriptions from its resources, and
/// in a native binary that first resource lookup is about a tenth of a cold
/// start (perf), paid by every command. The root is also named
/// <c>wayfinder</c> whatever process hosts it.
/// </summary>
internal static class CliRoot
{
    public const string Name = "wayfinder";

    public static Command Create(string description, params Command[] commands)
    {
        var root = new Command(Name, description)
        {
            new Option<bool>("--help", "-h", "-?")
            {
                Description = "Show help and usage information",
                Recursive = true,
                Arity = ArgumentArity.Zero,
                Action = new HelpAction(),
            },
            new Option<bool>("--version")
            {
                Description = "Show version information",
                Arity = ArgumentArity.Zero,
                Action = new VersionAction(),
            },
        };

        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var version = typeof(CliRoot).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(CliRoot).Assembly.GetName().Version?.ToString()
                ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine(version);
            return WayfinderCommand.Ok;
        }
    }
}
