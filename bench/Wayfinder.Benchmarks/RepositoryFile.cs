namespace Wayfinder.Benchmarks;

/// <summary>Files of the source tree, found above the benchmark's own folder.</summary>
internal static class RepositoryFile
{
    /// <summary>The path of <paramref name="relative"/> (segments from the repository's root) in the first folder above the benchmark that holds it.</summary>
    public static string Find(params string[] relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. relative]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{string.Join('/', relative)} was not found above {AppContext.BaseDirectory}");
    }
}
