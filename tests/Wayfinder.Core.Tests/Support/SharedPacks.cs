using Xunit;

namespace Wayfinder.Core.Tests.Support;

/// <summary>The real packs in ../shared/packs beside the repository (CI always has them).</summary>
internal static class SharedPacks
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "packs"));
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail("../shared/packs was not found beside the repository");
            return "";
        }
    }
}
