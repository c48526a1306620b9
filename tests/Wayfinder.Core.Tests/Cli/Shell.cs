using System.ComponentModel;
using System.Diagnostics;
using Xunit;

namespace Wayfinder.Core.Tests.Cli;

/// <summary>A real POSIX shell (/bin/sh), for what a command line printed for pasting does there.</summary>
internal static class Shell
{
    /// <summary>
    /// The words <c>/bin/sh</c> reads from <paramref name="commandLine"/> once
    /// its first word is dropped (one per line: none of the tests' words holds
    /// a line break). Nothing in it runs but <c>printf</c>, unless its quoting
    /// lets a substitution through, which is what the tests look for.
    /// </summary>
    public static string[] Words(string commandLine)
    {
        var rest = commandLine[(commandLine.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("printf '%s\\n' " + rest);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"/bin/sh is needed to read a command line back: {ex.Message}");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return output.Split('\n')[..^1];
        }
    }
}
