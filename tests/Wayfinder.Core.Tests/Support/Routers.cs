using Wayfinder.Routing;

namespace Wayfinder.Core.Tests.Support;

/// <summary>One router over the built-in pack, shared by the tests (it is immutable).</summary>
internal static class Routers
{
    public static Router BuiltIn { get; } = Router.CreateBuiltIn();
}
