using System.Text.Json.Serialization;
using Cluster.Grains.Bots;

namespace Cluster.Grains.Guard;

/// <summary>Source-generated JSON for the persistent state of the bot, protected-group and enforced-channel grains.</summary>
/// <remarks>Registered by <see cref="GuardServiceCollectionExtensions.AddGuardGrains"/>; same options as the other grain contexts.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BotGrainState))]
[JsonSerializable(typeof(ProtectedGroupState))]
[JsonSerializable(typeof(EnforcedChannelState))]
[JsonSerializable(typeof(GuardRegistryState))]
public sealed partial class GuardStateJsonContext : JsonSerializerContext;
