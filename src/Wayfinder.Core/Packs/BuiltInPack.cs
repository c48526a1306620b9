namespace Wayfinder.Packs;

/// <summary>The ml-production pack that ships inside Wayfinder.</summary>
public static class BuiltInPack
{
    /// <summary>The resource name of the built-in manifest.</summary>
    public const string ResourceName = "Wayfinder.BuiltIn.ml-production.pack.yaml";

    private static readonly Lazy<RoutingPack> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The built-in pack, loaded and validated on first use.</summary>
    public static RoutingPack Value => Lazy.Value;

    /// <summary>The manifest text, as shipped.</summary>
    public static string ReadManifest()
    {
        using var stream = typeof(BuiltInPack).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in pack resource '{ResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static RoutingPack Load() => PackLoader.Load(ReadManifest(), "builtin:ml-production.pack.yaml");
}
