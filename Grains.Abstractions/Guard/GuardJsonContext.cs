using System.Text.Json.Serialization;

namespace Cluster.Grains.Abstractions.Guard;

/// <summary>Source-generated JSON for every argument and result of the bot, protected-group and enforced-channel grains.</summary>
/// <remarks>Registered with the runtime by <c>AddGuardGrains</c> (silos) and by clients that call these grains.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BotConfiguration))]
[JsonSerializable(typeof(BotStatus))]
[JsonSerializable(typeof(UpdateBatch))]
[JsonSerializable(typeof(GuardMode))]
[JsonSerializable(typeof(GuardSettings))]
[JsonSerializable(typeof(GuardUser))]
[JsonSerializable(typeof(GroupMessage))]
[JsonSerializable(typeof(MemberChange))]
[JsonSerializable(typeof(ButtonPress))]
[JsonSerializable(typeof(EnforcedChannelStatus))]
[JsonSerializable(typeof(LinkedChannelStatus))]
[JsonSerializable(typeof(ProtectedGroupStatus))]
[JsonSerializable(typeof(ProtectedGroupSummary))]
[JsonSerializable(typeof(IReadOnlyList<ProtectedGroupSummary>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
public sealed partial class GuardJsonContext : JsonSerializerContext;
