namespace Wayfinder.Cli;

/// <summary>The process's standard input, for the commands that read it.</summary>
internal static class StandardInput
{
    /// <summary>
    /// The console's input, or <see cref="DirectoryException"/> when standard
    /// input is a directory (<c>wayfinder route --batch - &lt; /</c>), which
    /// reading would otherwise fail on with a bare "Is a directory".
    /// </summary>
    public static TextReader Open() => IsDirectory() ? throw new DirectoryException() : Console.In;

    // /dev/stdin names whatever descriptor 0 is open on; a pipe or a terminal is not a directory.
    private static bool IsDirectory() => !OperatingSystem.IsWindows() && Directory.Exists("/dev/stdin");

    /// <summary>Standard input is a directory.</summary>
    public sealed class DirectoryException : IOException
    {
        public DirectoryException()
            : base("standard input is a directory")
        {
        }

        public DirectoryException(string message)
            : base(message)
        {
        }

        public DirectoryException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
