using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wayfinder.Hosting;

// Wayfinder in an app: the built-in pack, and the marketplaces named on the command line
// (e.g. ../shared/packs), whose packs questions route across and whose sheets context reads.
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is said once, below
builder.Services.AddWayfinder(o =>
{
    foreach (var folder in args)
    {
        o.Marketplaces.Add(folder);
    }
});

// A chat client goes here, e.g. builder.Services.AddChatClient(new OllamaApiClient(...)).
using var host = builder.Build();
try
{
    await host.StartAsync(); // checks the options: a folder that is not there stops the app here
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, e.Failures));
    return 2;
}

var tools = host.Services.GetRequiredService<WayfinderFunctions>();
var question = "my model is too slow";

if (host.Services.GetService<IChatClient>() is { } model)
{
    // The model calls route, context and open_sheet as it sees fit.
    using var chat = new ChatClientBuilder(model).UseFunctionInvocation().Build();
    var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [.. tools.All] });
    Console.WriteLine(response.Text);
}
else
{
    // No model at hand: call the tools as a model would.
    Console.WriteLine($"route: {await tools.Route.InvokeAsync(new() { ["question"] = question })}");
    Console.WriteLine($"context: {await tools.Context.InvokeAsync(new() { ["question"] = question, ["budget"] = 800 })}");
    Console.WriteLine($"list_packs: {await tools.ListPacks.InvokeAsync(new())}");
}

await host.StopAsync();
return 0;
