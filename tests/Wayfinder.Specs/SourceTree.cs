namespace Wayfinder.Specs;

/// <summary>The repository these tests run from: the folder that holds Wayfinder.slnx, found from the test binaries upwards.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wayfinder.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"the repository root (Wayfinder.slnx) was not found above {AppContext.BaseDirectory}");
    }
}
