using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Wayfinder.Api;

namespace Wayfinder.Hosting;

/// <summary>
/// Wayfinder's tools as <see cref="AIFunction"/>s a chat client can call:
/// <c>route</c>, <c>context</c> and <c>open_sheet</c> (and <c>list_packs</c>
/// on its own). Their names, descriptions and argument schemas are the MCP
/// server's, and so are their replies: the JSON of docs/decision.md. A request
/// the service refuses comes back as <c>{"error": "...", "kind": "invalid"}</c>
/// for the model to read and correct, not as an exception.
/// </summary>
public sealed class WayfinderFunctions
{
    /// <summary>The functions over <paramref name="service"/>.</summary>
    /// <param name="service">The service every function calls.</param>
    public WayfinderFunctions(WayfinderService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Route = new WayfinderFunction(service, WayfinderTools.Route);
        Context = new WayfinderFunction(service, WayfinderTools.Context);
        OpenSheet = new WayfinderFunction(service, WayfinderTools.OpenSheet);
        ListPacks = new WayfinderFunction(service, WayfinderTools.ListPacks);
        All = [Route, Context, OpenSheet];
    }

    /// <summary>Which sheets answer a question, in order, or the one question to ask first.</summary>
    public AIFunction Route { get; }

    /// <summary>The sections that best answer a question, under a token budget.</summary>
    public AIFunction Context { get; }

    /// <summary>One sheet, or one section of it, by <c>PACK/SHEET</c>.</summary>
    public AIFunction OpenSheet { get; }

    /// <summary>The packs the service knows; not in <see cref="All"/>, as a chat rarely needs it.</summary>
    public AIFunction ListPacks { get; }

    /// <summary><see cref="Route"/>, <see cref="Context"/> and <see cref="OpenSheet"/>, for <see cref="ChatOptions.Tools"/>.</summary>
    public ImmutableArray<AITool> All { get; }
}
