using System.Diagnostics.Metrics;
using Cluster.Grains.Diagnostics;

namespace Cluster.Grains.Broadcasts;

/// <summary>Bot broadcasts' instruments on the "Cluster.Grains" meter: recipients by outcome, per bot (a bot id is not a phone
/// number, but it goes through <see cref="MetricLabels.Id"/> like every id label), and the broadcasts running on this silo.</summary>
internal static class BroadcastMetrics
{
    private static readonly Meter Meter = new(GrainMetrics.MeterName);
    private static int _running;

    internal static readonly Counter<long> Recipients =
        Meter.CreateCounter<long>("cluster.grains.broadcast.recipients", "{recipient}",
            "Recipients of bot broadcasts by outcome (sent, failed, blocked, unconfirmed, retried), by bot.");

    internal static readonly ObservableGauge<int> Running =
        Meter.CreateObservableGauge("cluster.grains.broadcast.running", () => Volatile.Read(ref _running), "{broadcast}",
            "Bot broadcasts sending on this silo.");

    public static void Count(long botId, string outcome, int count = 1)
    {
        if (count <= 0) return;
        Recipients.Add(count, new KeyValuePair<string, object?>("bot", MetricLabels.Id(botId.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new KeyValuePair<string, object?>("outcome", outcome));
    }

    public static void LoopStarted() => Interlocked.Increment(ref _running);

    public static void LoopEnded() => Interlocked.Decrement(ref _running);
}
