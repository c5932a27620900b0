namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>One bucket of a bot's subscribers (users who started it or wrote to it privately), keyed "bot id/bucket"
/// (<see cref="BroadcastKeys.SubscriberBucket"/>): a user always lands in the same bucket, so 100,000 subscribers are
/// <see cref="BroadcastKeys.SubscriberBuckets"/> states of a few thousand each, and nothing loads them all on the bot's activation.
/// Fed by the bot grain's update handling; blocked marks come from broadcasts that got 403.</summary>
[Alias("Cluster.IBotSubscribersGrain")]
public interface IBotSubscribersGrain : IGrainWithStringKey
{
    /// <summary>Adds the users (or lifts their blocked mark); one write per call.</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(IReadOnlyList<SubscriberEvent> events);

    /// <summary>Marks the users as having blocked the bot (403), unless they reached it again after <paramref name="at"/>.</summary>
    [Alias("MarkBlockedAsync")]
    Task MarkBlockedAsync(IReadOnlyList<long> userIds, DateTimeOffset at);

    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<SubscriberList> GetAsync();
}
