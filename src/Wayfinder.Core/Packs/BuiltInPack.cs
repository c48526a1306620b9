namespace Wayfinder.Packs;

/// <summary>
/// The ml-production pack that ships inside Wayfinder. Its source is the
/// manifest BuiltIn/ml-production.pack.yaml in the source tree; what runs
/// is that manifest as the loader reads it, written out as C#
/// (BuiltIn/MlProductionPack.g.cs, by tools/Wayfinder.PackSource), so that
/// starting up parses nothing.
/// </summary>
public static class BuiltInPack
{
    /// <summary>The file name the manifest has in the source tree.</summary>
    internal const string ManifestFile = "ml-production.pack.yaml";

    /// <summary>The name of the class written from the manifest.</summary>
    internal const string GeneratedClass = "MlProductionPack";

    /// <summary>The resource name of the built-in pack's fitted model (<c>wayfinder fit</c>).</summary>
    internal const string ModelResourceName = "Wayfinder.BuiltIn.ml-production.model.json";

    /// <summary>The file name the fitted model has in the source tree.</summary>
    internal const string ModelFile = "ml-production.model.json";

    private static readonly Lazy<Scoring.RouteModel> LazyModel = new(ReadModel, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The built-in pack's fitted model, read on first use.</summary>
    public static Scoring.RouteModel Model => LazyModel.Value;

    private static Scoring.RouteModel ReadModel()
    {
        using var stream = typeof(BuiltInPack).Assembly.GetManifestResourceStream(ModelResourceName);
        if (stream is null)
        {
            return Scoring.RouteModel.Unfitted(Value.Id);
        }

        using var reader = new StreamReader(stream);
        return Scoring.RouteModel.FromJson(reader.ReadToEnd(), $"builtin:{ModelFile}");
    }

    private static readonly Lazy<RoutingPack> Lazy = new(MlProductionPack.Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The built-in pack, constructed on first use.</summary>
    public static RoutingPack Value => Lazy.Value;
}
