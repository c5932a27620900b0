using Cluster.Hosting.Placement;

namespace Cluster.Hosting.Rebalancing;

/// <summary>The rebalancer's arithmetic, pure: what a silo pulls from the others given everyone's <see cref="SessionLoad"/>.
/// Pulls go from the silos that have too much (a queue, or more sessions) to the one that has room, so two silos never
/// push accounts at each other.</summary>
public static class RebalancePlanner
{
    /// <summary>How many queued accounts to pull from each other silo: no more than this silo's free slots (nothing while
    /// it has a queue itself) or <paramref name="maxMoves"/>; premium ones first, then spread over the silos with the
    /// longest queues, one at a time, so every queue shortens alike.</summary>
    public static IReadOnlyList<(TKey Source, int Count)> QueuedPulls<TKey>(SessionLoad mine, IReadOnlyList<(TKey Source, SessionLoad Load)> others, int maxMoves)
        where TKey : notnull
    {
        if (mine.Queued > 0) return [];
        var budget = Math.Min(mine.Free, maxMoves);
        if (budget <= 0) return [];
        var premium = others.Select(o => o.Load.QueuedPremium).ToArray();
        var rest = others.Select(o => o.Load.Queued - o.Load.QueuedPremium).ToArray();
        var taken = new int[others.Count];
        while (budget > 0)
        {
            // Premium first; then the longest remaining queue (a silo sends its queue's head, premium first, anyway).
            var i = Longest(premium);
            if (i >= 0) premium[i]--;
            else
            {
                i = Longest(rest);
                if (i < 0) break;
                rest[i]--;
            }
            taken[i]++;
            budget--;
        }
        return others.Select((o, i) => (o.Source, Count: taken[i])).Where(p => p.Count > 0).ToList();
    }

    private static int Longest(int[] queues)
    {
        var best = -1;
        for (var i = 0; i < queues.Length; i++)
            if (queues[i] > 0 && (best < 0 || queues[i] > queues[best])) best = i;
        return best;
    }

    /// <summary>Connected accounts to pull for balance: from the silo that will hold the most once the moves under way are
    /// done and has accounts it may move (settled ones), only up to the cluster's mean (this silo ends at most at the mean
    /// rounded down, the source at least at the mean rounded up, so the two never swap places and pull back). Hysteresis:
    /// balancing starts only when the source holds more than <paramref name="minimumSpread"/> more than this silo, and
    /// once <paramref name="underway"/> it goes on until the mean is reached. Null when there is nothing to do now (see
    /// <see cref="WaitsForSettling{TKey}"/> for when that does not end the balancing under way).</summary>
    public static BalancePull<TKey>? BalancePull<TKey>(SessionLoad mine, IReadOnlyList<(TKey Source, SessionLoad Load)> others, int minimumSpread, int maxMoves,
        bool underway = false)
        where TKey : notnull
    {
        if (others.Count == 0 || maxMoves <= 0 || mine.Queued > 0) return null;
        var mean = (mine.Settled + others.Sum(o => o.Load.Settled)) / (double)(others.Count + 1);
        var room = mine.Capacity - mine.Held - mine.Reserved;
        foreach (var (source, load) in others.OrderByDescending(o => o.Load.Settled))
        {
            if (load.Settled - mine.Settled <= (underway ? 1 : minimumSpread)) return null;
            var count = Min(maxMoves, room, (int)Math.Floor(mean) - mine.Settled, HeldToGive(load, int.MaxValue, mean));
            if (count > 0) return new BalancePull<TKey>(source, count, mean);
        }
        return null;
    }

    /// <summary>Whether balancing under way must wait rather than stop when <see cref="BalancePull{TKey}"/> found nothing:
    /// this silo is still below the mean, and a silo it could pull from (more than one session above it, above the mean
    /// rounded up) holds nothing it may move yet, because its accounts above the mean connected less than the settle time
    /// ago. Stopping then would leave the silos one short of even (5/4/3 after a third silo joined), with a spread below
    /// the minimum that starts balancing again; waiting moves nothing until those accounts have settled.</summary>
    public static bool WaitsForSettling<TKey>(SessionLoad mine, IReadOnlyList<(TKey Source, SessionLoad Load)> others)
        where TKey : notnull
    {
        if (others.Count == 0 || mine.Queued > 0 || mine.Capacity - mine.Held - mine.Reserved <= 0) return false;
        var mean = (mine.Settled + others.Sum(o => o.Load.Settled)) / (double)(others.Count + 1);
        if (mine.Settled >= (int)Math.Floor(mean)) return false;
        return others.Any(o => o.Load.Settled - mine.Settled > 1
                               && o.Load.Settled > (int)Math.Ceiling(mean)
                               && o.Load.MovableHeld == 0);
    }

    /// <summary>On the source: how many of the <paramref name="asked"/> connected accounts it gives, from its own load now
    /// (another silo may have pulled meanwhile): never so many that it would end below the mean rounded up.</summary>
    public static int HeldToGive(SessionLoad mine, int asked, double mean)
        => Math.Max(0, Min(asked, mine.Settled - (int)Math.Ceiling(mean), mine.MovableHeld));

    private static int Min(params int[] values) => values.Min();
}

/// <summary>A pull for balance: how many connected accounts to ask of which silo, and the mean it was computed with.</summary>
public sealed record BalancePull<TKey>(TKey Source, int Count, double Mean);
