using Xunit;

namespace Wayfinder.Browser.Tests;

/// <summary>Where the repository and the shared folder beside it are, found from the test binaries upwards.</summary>
internal static class SourceTree
{
    /// <summary>The repository root: the folder that holds Wayfinder.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A folder of ../shared beside the repository (CI always has it); the test fails if it is missing.</summary>
    public static string Shared(string name)
    {
        var folder = Path.GetFullPath(Path.Combine(Root, "..", "shared", name));
        Assert.True(Directory.Exists(folder), $"../shared/{name} was not found beside the repository ({folder}); these tests need the shared folder.");
        return folder;
    }

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
