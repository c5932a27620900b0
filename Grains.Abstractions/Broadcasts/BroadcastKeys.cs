using System.Globalization;

namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>The keys of the broadcast grains: subscriber buckets ("bot id/bucket") and chunks ("broadcast id/number").</summary>
public static class BroadcastKeys
{
    /// <summary>How many buckets a bot's subscribers are spread over (fixed: changing it would lose track of stored buckets).</summary>
    public const int SubscriberBuckets = 64;

    /// <summary>The bucket grain's key for a user of a bot.</summary>
    public static string SubscriberBucket(long botId, long userId) => Bucket(botId, (int)((ulong)userId % SubscriberBuckets));

    /// <summary>The key of bucket <paramref name="bucket"/> of a bot.</summary>
    public static string Bucket(long botId, int bucket) => string.Create(CultureInfo.InvariantCulture, $"{botId}/{bucket}");

    /// <summary>The key of chunk <paramref name="chunk"/> of a broadcast.</summary>
    public static string Chunk(string broadcastId, int chunk) => string.Create(CultureInfo.InvariantCulture, $"{broadcastId}/{chunk}");

    /// <summary>A new broadcast id: "b" + the bot id + a time stamp + random digits, short enough for a button's callback data.</summary>
    public static string NewBroadcastId(long botId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"b{botId}-{now:MMddHHmmss}{Random.Shared.Next(100, 1000)}");
}
