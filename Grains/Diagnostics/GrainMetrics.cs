using System.Diagnostics.Metrics;

namespace Cluster.Grains.Diagnostics;

/// <summary>The "Cluster.Grains" meter: what the grains do for the fleet. Pairs: messages forwarded and given up, and
/// the forward latency (arrived at our system to forwarded, and received by the pair to forwarded) per pair; accounts: messages sent, failures,
/// flood waits and limit refusals per account; the membership guard: verifications, cache hits and misses, mutes.</summary>
/// <remarks>Labels are pair and account ids passed through <see cref="MetricLabels.Id"/> (an id that could be a phone
/// number is hashed); never chat, user or message ids, which would make a series per user. Static, as grains are made
/// by the runtime and a process normally hosts one silo.</remarks>
public static class GrainMetrics
{
    public const string MeterName = "Cluster.Grains";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> PairForwarded =
        Meter.CreateCounter<long>("cluster.grains.pair.forwarded", "{message}", "Source messages a channel pair delivered to all its destinations, by pair.");

    internal static readonly Counter<long> PairFailed =
        Meter.CreateCounter<long>("cluster.grains.pair.failed", "{message}", "Source messages a channel pair gave up on after its retries, by pair.");

    internal static readonly Histogram<double> PairForwardLatency =
        Meter.CreateHistogram<double>("cluster.grains.pair.forward.latency", "ms", "From a source message's arrival at our system (its account read the update) to its delivery to every destination, by pair.");

    internal static readonly Histogram<double> PairProcessingLatency =
        Meter.CreateHistogram<double>("cluster.grains.pair.processing.latency", "ms", "From a message received by the pair to its delivery to every destination, by pair.");

    internal static readonly Counter<long> AccountSent =
        Meter.CreateCounter<long>("cluster.grains.account.sent", "{message}", "Messages an account sent, forwarded or copied, by account.");

    internal static readonly Counter<long> AccountSendFailures =
        Meter.CreateCounter<long>("cluster.grains.account.send.failures", "{request}", "Sends of an account that Telegram refused or that failed, by account.");

    internal static readonly Counter<long> AccountFloodWaits =
        Meter.CreateCounter<long>("cluster.grains.account.flood_waits", "{error}", "Flood waits (FLOOD_WAIT, PEER_FLOOD) that put an account in cooldown, by account.");

    internal static readonly Counter<long> AccountLimitRefusals =
        Meter.CreateCounter<long>("cluster.grains.account.limit_refusals", "{request}", "Sends an account refused because its hourly or daily limit was reached, by account.");

    internal static readonly Counter<long> GuardVerifications =
        Meter.CreateCounter<long>("cluster.grains.guard.verifications", "{check}", "Membership verifications of a user against a group's linked channels, by result (verified, missing).");

    internal static readonly Counter<long> GuardCacheHits =
        Meter.CreateCounter<long>("cluster.grains.guard.cache.hits", "{lookup}", "Membership cache lookups of the guard answered from the cache.");

    internal static readonly Counter<long> GuardCacheMisses =
        Meter.CreateCounter<long>("cluster.grains.guard.cache.misses", "{lookup}", "Membership cache lookups of the guard that had to ask Telegram.");

    internal static readonly Counter<long> GuardMutes =
        Meter.CreateCounter<long>("cluster.grains.guard.mutes", "{user}", "Users the guard muted for missing a linked channel.");

    internal static readonly Counter<long> GuardUnmutes =
        Meter.CreateCounter<long>("cluster.grains.guard.unmutes", "{user}", "Users the guard unmuted after they joined.");

    internal static readonly Counter<long> GuardMessagesDeleted =
        Meter.CreateCounter<long>("cluster.grains.guard.messages.deleted", "{message}", "Messages of unverified members the guard deleted.");

    internal static readonly Counter<long> CampaignSent =
        Meter.CreateCounter<long>("cluster.grains.campaign.sent", "{message}", "Campaign messages sent (or found sent after a crash), by campaign.");

    internal static readonly Counter<long> CampaignFailed =
        Meter.CreateCounter<long>("cluster.grains.campaign.failed", "{recipient}", "Campaign recipients given up after their attempts, by campaign.");

    internal static readonly Counter<long> CampaignSkipped =
        Meter.CreateCounter<long>("cluster.grains.campaign.skipped", "{recipient}", "Campaign recipients skipped (not found, privacy, blocked), by campaign.");

    internal static readonly Counter<long> CampaignAccountEvents =
        Meter.CreateCounter<long>("cluster.grains.campaign.account_events", "{event}", "Flood waits, PEER_FLOODs and removals of a campaign's accounts, by campaign and event.");

    internal static KeyValuePair<string, object?> Campaign(string campaignId) => new("campaign", MetricLabels.Id(campaignId));

    internal static KeyValuePair<string, object?> Pair(string pairId) => new("pair", MetricLabels.Id(pairId));

    internal static KeyValuePair<string, object?> Account(string accountId) => new("account", MetricLabels.Id(accountId));
}
