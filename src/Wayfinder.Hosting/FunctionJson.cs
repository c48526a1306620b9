using System.Text.Json.Serialization;

namespace Wayfinder.Hosting;

/// <summary>The few shapes the functions write, serialized without reflection.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class FunctionJson : JsonSerializerContext;
