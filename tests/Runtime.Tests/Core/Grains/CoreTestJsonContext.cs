using System.Text.Json.Serialization;

namespace Cluster.Runtime.Tests.Core.Grains;

/// <summary>Source-generated JSON for the test grains' types.</summary>
[JsonSerializable(typeof(CounterState))]
public sealed partial class CoreTestJsonContext : JsonSerializerContext;
