using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wayfinder.Api;
using Wayfinder.Library;
using Wayfinder.Marketplace;
using Wayfinder.Routing;

namespace Wayfinder.Hosting;

/// <summary>Registers Wayfinder in a service collection.</summary>
public static class WayfinderServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="WayfinderService"/> (the built-in pack's router and
    /// the packs of <paramref name="configure"/>, loaded once) and
    /// <see cref="WayfinderFunctions"/>, the chat-client functions over it,
    /// both singletons. The options are validated when the app starts.
    /// </summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="configure">Sets the options; none keeps every default.</param>
    /// <returns>The collection, for chaining.</returns>
    public static IServiceCollection AddWayfinder(this IServiceCollection services, Action<WayfinderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WayfinderOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WayfinderOptions>, WayfinderOptionsValidator>());
        services.TryAddSingleton(Create);
        services.TryAddSingleton<WayfinderFunctions>();
        return services;
    }

    private static WayfinderService Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<WayfinderOptions>>().Value;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(WayfinderService)) ?? NullLogger.Instance;
        var library = PackLibrary.Load(options.SkillFolders, options.Marketplaces);
        foreach (var diagnostic in library.Diagnostics)
        {
            logger.LogWarning("Wayfinder: {Problem}", diagnostic.ToString());
        }

        if (options.FailOnLoadProblems && !library.Diagnostics.IsEmpty)
        {
            throw new OptionsValidationException(
                Options.DefaultName,
                typeof(WayfinderOptions),
                [.. library.Diagnostics.Select(d => $"Wayfinder: {d}")]);
        }

        var router = Router.CreateBuiltIn();
        var market = options.RouteAcrossPacks && !library.Packs.IsEmpty ? new MarketRouter(library.Packs, router) : null;
        return new WayfinderService(router, library, market);
    }
}
