using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Wayfinder.Api;

namespace Wayfinder.Hosting;

/// <summary>One of <see cref="WayfinderTools"/> as a function a chat client calls, with its schema as declared (no reflection).</summary>
internal sealed class WayfinderFunction(WayfinderService service, WayfinderTool tool) : AIFunction
{
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    public override string Name => tool.Name;

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.InputSchema;

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string reply;
        try
        {
            var values = arguments.Select(a => new KeyValuePair<string, JsonElement>(a.Key, Element(a.Key, a.Value)));
            reply = tool.Call(service, RequestArguments.FromValues(values, "argument", tool.Name));
        }
        catch (WayfinderError e)
        {
            reply = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["error"] = e.Message,
                ["kind"] = e.Kind.ToString().ToLowerInvariant(),
            }, FunctionJson.Default.DictionaryStringString);
        }

        using var document = JsonDocument.Parse(reply);
        return ValueTask.FromResult<object?>(document.RootElement.Clone());
    }

    /// <summary>
    /// An argument as JSON: a model's arguments arrive as JSON already; a .NET
    /// caller's may be a string, a number or a list of strings.
    /// </summary>
    private static JsonElement Element(string name, object? value) => value switch
    {
        JsonElement element => element,
        null => Null,
        string text => JsonSerializer.SerializeToElement(text, FunctionJson.Default.String),
        int number => JsonSerializer.SerializeToElement(number, FunctionJson.Default.Int32),
        long number => JsonSerializer.SerializeToElement(number, FunctionJson.Default.Int64),
        IEnumerable<string> texts => JsonSerializer.SerializeToElement([.. texts], FunctionJson.Default.StringArray),
        _ => throw new WayfinderError(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be text, a whole number or a list of text, not {value.GetType().Name}")),
    };
}
