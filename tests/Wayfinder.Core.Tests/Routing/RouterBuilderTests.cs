using Wayfinder.Core.Tests.Packs;
using Wayfinder.Decisions;
using Wayfinder.Packs;
using Wayfinder.Routing;
using Xunit;

namespace Wayfinder.Core.Tests.Routing;

public sealed class RouterBuilderTests
{
    [Fact]
    public void Build_WithoutPack_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new RouterBuilder().Build());
    }

    [Fact]
    public void UsePack_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new RouterBuilder().UsePack(null!));
    }

    [Fact]
    public void UsePack_CalledTwice_TheLastPackWins()
    {
        var mini = PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml");

        var router = new RouterBuilder().UseBuiltInPack().UsePack(mini).Build();

        Assert.Same(mini, router.Pack);
    }

    [Fact]
    public void CreateBuiltIn_UsesTheBuiltInPack()
    {
        Assert.Same(BuiltInPack.Value, Router.CreateBuiltIn().Pack);
    }

    [Fact]
    public void Route_CustomPack_RoutesWithItsOwnTerms()
    {
        var router = new RouterBuilder().UsePack(PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml")).Build();

        var decision = router.Route("Alphas everywhere");

        Assert.Equal(DecisionStatus.Routed, decision.Status);
        var step = Assert.Single(decision.Steps);
        Assert.Equal(("mini", "s1", "c1", 1), (step.Pack, step.Sheet, step.Concern, step.Order));
        Assert.Equal("\"Alphas\": The only sheet.", step.Why);
    }

    [Fact]
    public void Route_CustomPackWithoutQuestions_UnmatchedQuestion_DoesNotThrow()
    {
        var router = new RouterBuilder().UsePack(PackLoader.Load(PackLoaderTests.Minimal, "mini.yaml")).Build();

        var decision = router.Route("beta");

        Assert.NotNull(decision);
    }
}
