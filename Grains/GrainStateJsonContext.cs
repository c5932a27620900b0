using System.Text.Json.Serialization;
using Cluster.Grains.Accounts;
using Cluster.Grains.Admin;
using Cluster.Grains.Forwarding;
using Cluster.Grains.Pairs;
using Cluster.Grains.Registry;

namespace Cluster.Grains;

/// <summary>Source-generated JSON for the persistent state of the account, pair and registry grains (and the pieces
/// of pure logic stored in it), registered by <c>AddForwardingGrains</c> for the silo's grain storage serializer: state
/// is stored as readable JSON, camelCase, enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AccountGrainState))]
[JsonSerializable(typeof(AccountSessionState))]
[JsonSerializable(typeof(ChannelPairState))]
[JsonSerializable(typeof(PairIdMapState))]
[JsonSerializable(typeof(PairTimingState))]
[JsonSerializable(typeof(FleetRegistryState))]
[JsonSerializable(typeof(ForwardCheckpoint))]
[JsonSerializable(typeof(PendingOperation))]
[JsonSerializable(typeof(IReadOnlyList<PendingOperation>))]
[JsonSerializable(typeof(MessageIdMapEntry))]
[JsonSerializable(typeof(IReadOnlyList<MessageIdMapEntry>))]
[JsonSerializable(typeof(LatencyHistogramState))]
[JsonSerializable(typeof(PastModeCursor))]
[JsonSerializable(typeof(SendCounterState))]
[JsonSerializable(typeof(AccountPhase))]
[JsonSerializable(typeof(AdminSessionState))]
[JsonSerializable(typeof(AuditLogState))]
public sealed partial class GrainStateJsonContext : JsonSerializerContext;
