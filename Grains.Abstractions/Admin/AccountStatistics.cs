using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.Grains.Abstractions.Admin;

/// <summary>What /worker_stats shows about one account: its lifetime counts, the forward times of its pairs merged into one
/// distribution, its last error, and errors and flood waits in the last 24 hours (from hourly buckets kept in the
/// account's state, so they survive restarts). From <c>IAccountGrain.GetStatisticsAsync</c>.</summary>
/// <param name="Forwarded">Messages republished by the pairs of this account (sum of their Forwarded counts).</param>
/// <param name="Sent">Messages this account created (forwards, copies, texts), lifetime.</param>
/// <param name="Failed">Send operations that failed, lifetime.</param>
/// <param name="SuccessRate">Sent / (Sent + Failed), 0..1; null before the first send.</param>
/// <param name="ForwardTime">Forward latency: arrived at our system (the account read the update) to republished, merged
/// over the account's pairs (mean, p50, p95, p99, max in ms).</param>
/// <param name="ProcessingTime">Received by the pair to republished, merged over the account's pairs.</param>
/// <param name="Hours">The last 24 clock hours (UTC), oldest first; hours with nothing are left out.</param>
/// <param name="PairIds">The pairs whose counts and timings are merged here (those the registry lists for this account).</param>
[GenerateSerializer, Immutable, Alias("Cluster.AccountStatistics")]
public sealed record AccountStatistics(
    [Id(0)] string AccountId,
    [Id(1)] AccountState State,
    [Id(2)] long Forwarded,
    [Id(3)] long Sent,
    [Id(4)] long Failed,
    [Id(5)] double? SuccessRate,
    [Id(6)] LatencySummary ForwardTime,
    [Id(7)] LatencySummary ProcessingTime,
    [Id(8)] string? LastError,
    [Id(9)] DateTimeOffset? LastErrorAt,
    [Id(10)] int ErrorsLast24Hours,
    [Id(11)] int FloodWaitsLast24Hours,
    [Id(12)] int SentLast24Hours,
    [Id(13)] IReadOnlyList<AccountHourStatistics> Hours,
    [Id(14)] IReadOnlyList<string> PairIds,
    [Id(15)] DateTimeOffset AsOf);
