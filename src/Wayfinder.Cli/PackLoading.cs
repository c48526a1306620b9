using Wayfinder.Library;

namespace Wayfinder.Cli;

/// <summary>Loads the packs named on the command line; every problem goes to stderr and the rest still loads.</summary>
internal static class PackLoading
{
    public static PackLibrary Load(IReadOnlyList<string> skillFolders, IReadOnlyList<string> marketplaces, TextWriter stderr)
    {
        var library = PackLibrary.Load(skillFolders, marketplaces, new Progress(stderr));
        foreach (var diagnostic in library.Diagnostics)
        {
            stderr.WriteLine($"wayfinder: {Terminal.Visible(diagnostic.ToString())}");
        }

        return library;
    }

    /// <summary>Load progress, on stderr, only for loads that take over a second.</summary>
    private sealed class Progress(TextWriter stderr) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.Length > 0)
            {
                stderr.WriteLine($"wayfinder: {value}");
            }
        }
    }
}
