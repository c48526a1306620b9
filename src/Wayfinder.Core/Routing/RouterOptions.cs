namespace Wayfinder.Routing;

/// <summary>
/// The router's composition settings, with the values the specification's
/// cases are written against. Checked when the router is built
/// (<see cref="RouterBuilder.Build"/>): a bad value is refused there, by name.
/// What the fitted model learns (its weights and margins) is pack data, not
/// an option.
/// </summary>
public sealed record RouterOptions
{
    /// <summary>The defaults.</summary>
    public static RouterOptions Default { get; } = new();

    /// <summary>How many sheets of this pack a route may reach once background sheets are added (default 2).</summary>
    public int MaxStepsWithBackground { get; init; } = 2;

    /// <summary>How many destinations a composed route may reach with companions added (default 3).</summary>
    public int MaxWithCompanions { get; init; } = 3;

    /// <summary>What a lexicon point counts for in a sheet's weight, against one facet word (default 0.5).</summary>
    public double LexiconShare { get; init; } = 0.5;

    /// <summary>How many of a facet's words count towards a sheet's weight, and towards the model's <c>terms</c> feature (default 3).</summary>
    public int MaxWordsPerFacet { get; init; } = 3;

    /// <summary>How many times the stage-first sheet's weight another must reach to lead (default 2).</summary>
    public double LeadFactor { get; init; } = 2;

    /// <summary>
    /// The least weight that can lead against stage order (default 3): two
    /// words against one is an ordinary two-part request, read in stage order.
    /// </summary>
    public double MinLeadWeight { get; init; } = 3;

    /// <summary>In a route the model settles, destinations whose probability is at least this share of the first one's follow it (default 0.5).</summary>
    public double FollowShare { get; init; } = 0.5;

    /// <summary>How many destinations a route the model settles names (default 3).</summary>
    public int MaxModelDestinations { get; init; } = 3;

    /// <summary>What is wrong with these options, one line per setting; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void AtLeast(string name, double value, double least)
        {
            if (double.IsNaN(value) || value < least)
            {
                problems.Add(FormattableString.Invariant($"{name} must be at least {least}, not {value}"));
            }
        }

        void Share(string name, double value)
        {
            if (double.IsNaN(value) || value <= 0 || value > 1)
            {
                problems.Add(FormattableString.Invariant($"{name} must be above 0 and at most 1, not {value}"));
            }
        }

        AtLeast(nameof(MaxStepsWithBackground), MaxStepsWithBackground, 1);
        AtLeast(nameof(MaxWithCompanions), MaxWithCompanions, 1);
        AtLeast(nameof(LexiconShare), LexiconShare, 0);
        AtLeast(nameof(MaxWordsPerFacet), MaxWordsPerFacet, 1);
        AtLeast(nameof(LeadFactor), LeadFactor, 1);
        AtLeast(nameof(MinLeadWeight), MinLeadWeight, 0);
        Share(nameof(FollowShare), FollowShare);
        AtLeast(nameof(MaxModelDestinations), MaxModelDestinations, 1);
        if (double.IsInfinity(LexiconShare) || double.IsInfinity(LeadFactor) || double.IsInfinity(MinLeadWeight))
        {
            problems.Add("LexiconShare, LeadFactor and MinLeadWeight must be finite");
        }

        return problems;
    }
}
