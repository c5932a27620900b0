using System.Text.Json.Serialization;

namespace Cluster.Grains.Broadcasts;

/// <summary>Source-generated JSON for the persistent state of the broadcast, chunk and subscriber grains (same options as the other
/// grain contexts), registered by <see cref="BroadcastServiceCollectionExtensions.AddBroadcastGrains"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BroadcastGrainState))]
[JsonSerializable(typeof(BroadcastChunkState))]
[JsonSerializable(typeof(BotSubscribersState))]
[JsonSerializable(typeof(BotBroadcastsState))]
[JsonSerializable(typeof(BroadcastRegistryState))]
public sealed partial class BroadcastStateJsonContext : JsonSerializerContext;
