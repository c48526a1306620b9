using System.Runtime.CompilerServices;

namespace Wayfinder.Core.Tests.Support;

/// <summary>The compiled-marketplace cache of a test run: a temporary folder of its own, never the user's.</summary>
internal static class TestCache
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), $"wayfinder-test-cache-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void Use() => Environment.SetEnvironmentVariable(Wayfinder.Marketplace.MarketCache.Variable, Directory);
}
