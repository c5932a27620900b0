using System.Text.Json.Serialization;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Messages;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Abstractions.Registry;

namespace Cluster.Grains.Abstractions;

/// <summary>Source-generated JSON for every argument and result of the account, pair and registry grain
/// interfaces, used by the runtime's messaging on both sides (silos and the AdminBot client). Enums as names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
// Messages
[JsonSerializable(typeof(MessageEntity))]
[JsonSerializable(typeof(MessageText))]
[JsonSerializable(typeof(MessageMediaKind))]
[JsonSerializable(typeof(SourceMessage))]
[JsonSerializable(typeof(IReadOnlyList<SourceMessage>))]
[JsonSerializable(typeof(MessageRef))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
// Accounts
[JsonSerializable(typeof(AccountConfiguration))]
[JsonSerializable(typeof(AccountStatus))]
[JsonSerializable(typeof(AccountState))]
[JsonSerializable(typeof(LoginStep))]
[JsonSerializable(typeof(LoginResult))]
[JsonSerializable(typeof(AccountCounters))]
[JsonSerializable(typeof(SendUsage))]
[JsonSerializable(typeof(AccountIdentity))]
[JsonSerializable(typeof(AccountSubscription))]
[JsonSerializable(typeof(AccountCallStatus))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(ChatKind))]
[JsonSerializable(typeof(ResolvedChat))]
[JsonSerializable(typeof(ChatResolution))]
[JsonSerializable(typeof(SubscriptionRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(HistoryResult))]
[JsonSerializable(typeof(ForwardRequest))]
[JsonSerializable(typeof(SendTextRequest))]
[JsonSerializable(typeof(EditTextRequest))]
[JsonSerializable(typeof(DeleteMessagesRequest))]
// Pairs
[JsonSerializable(typeof(PairConfiguration))]
[JsonSerializable(typeof(ForwardMode))]
[JsonSerializable(typeof(PairFilters))]
[JsonSerializable(typeof(TextReplacement))]
[JsonSerializable(typeof(PairState))]
[JsonSerializable(typeof(PairStatus))]
[JsonSerializable(typeof(PairDestination))]
[JsonSerializable(typeof(PairCheckpointInfo))]
[JsonSerializable(typeof(PairStatistics))]
[JsonSerializable(typeof(PairTiming))]
[JsonSerializable(typeof(LatencySummary))]
[JsonSerializable(typeof(MessageTiming))]
[JsonSerializable(typeof(PastModeRequest))]
[JsonSerializable(typeof(PastModeStatus))]
// Registry
[JsonSerializable(typeof(AccountSummary))]
[JsonSerializable(typeof(IReadOnlyList<AccountSummary>))]
[JsonSerializable(typeof(PairSummary))]
[JsonSerializable(typeof(IReadOnlyList<PairSummary>))]
[JsonSerializable(typeof(FleetOverview))]
// Admin (sessions, audit log, statistics)
[JsonSerializable(typeof(AdminConversation))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntry>))]
[JsonSerializable(typeof(AccountStatistics))]
[JsonSerializable(typeof(AccountHourStatistics))]
[JsonSerializable(typeof(LatencyHistogramSnapshot))]
[JsonSerializable(typeof(PairLatencyHistograms))]
// Plain arguments (ids, log-in inputs, flags)
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
