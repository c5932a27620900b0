using System.Text.Json.Serialization;

namespace Cluster.Runtime.Messaging;

/// <summary>Source-generated serialisation of the runtime's own wire messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CallError))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(IReadOnlyList<MethodCallStats>))]
[JsonSerializable(typeof(IReadOnlyList<ActivationCount>))]
[JsonSerializable(typeof(SiloLoad))]
[JsonSerializable(typeof(IReadOnlyList<Cluster.Runtime.Diagnostics.RecentLogEntry>))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
