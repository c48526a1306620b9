using Wayfinder.Core.Tests.Support;

namespace Wayfinder.Core.Tests.Marketplace;

/// <summary>Small packs of unrelated fields, laid out as a plugin marketplace, written for these tests.</summary>
internal static class MarketFixtures
{
    public static void Garden(SheetFixture f, string root = "plugins/garden")
    {
        f.Write($"{root}/.claude-plugin/plugin.json", """{"name": "garden", "description": "Growing vegetables and roses at home."}""");
        f.Write($"{root}/skills/using-garden/SKILL.md", """
            ---
            name: using-garden
            description: Routes questions about a home garden to the sheet that answers them.
            ---
            # Garden router

            - [tomato-growing.md](tomato-growing.md): tomatoes, seedlings, blight, watering vegetables
            - [rose-pruning.md](rose-pruning.md): roses, pruning, black spot, climbing roses
            """);
        f.Write($"{root}/skills/using-garden/tomato-growing.md", "# Growing tomatoes\n\nSow seedlings indoors, harden them off, water the soil deeply.\n\n## Blight\n\nLate blight browns the leaves of tomato plants in wet weather.\n");
        f.Write($"{root}/skills/using-garden/rose-pruning.md", "# Pruning roses\n\nCut roses back in late winter above an outward bud.\n\n## Black spot\n\nBlack spot marks rose leaves; remove them and improve air flow.\n");
    }

    public static void Plumbing(SheetFixture f, string root = "plugins/plumbing")
    {
        f.Write($"{root}/skills/using-plumbing/SKILL.md", """
            ---
            name: using-plumbing
            description: Routes questions about household plumbing.
            ---
            # Plumbing router

            - [leaking-taps.md](leaking-taps.md): dripping taps, washers, cartridges
            - [blocked-drains.md](blocked-drains.md): slow sinks, clogged drains, traps
            """);
        f.Write($"{root}/skills/using-plumbing/leaking-taps.md", "# Leaking taps\n\nA dripping tap usually needs a new washer or cartridge.\n\n## Washers\n\nTurn off the water, unscrew the headgear and replace the washer.\n");
        f.Write($"{root}/skills/using-plumbing/blocked-drains.md", "# Blocked drains\n\nA slow sink drain is clogged with hair and grease.\n\n## Traps\n\nUnscrew the trap under the sink and clear the clog.\n");
    }

    /// <summary>A marketplace listing the two plugins above in its .claude-plugin/marketplace.json.</summary>
    public static SheetFixture Listed()
    {
        var f = new SheetFixture();
        Garden(f);
        Plumbing(f);
        f.Write(".claude-plugin/marketplace.json", """
            {
              "name": "home",
              "plugins": [
                {"name": "garden", "source": "./plugins/garden", "description": "Vegetables, roses and the garden."},
                {"name": "plumbing", "source": "./plugins/plumbing", "description": "Taps, drains and pipes at home."}
              ]
            }
            """);
        return f;
    }
}
