namespace Wayfinder.Core.Tests.Support;

/// <summary>The real packs in ../shared/packs beside the repository (CI always has them).</summary>
internal static class SharedPacks
{
    public static string Directory => SourceTree.Shared("packs");
}
