namespace Cluster.Grains.Guard;

/// <summary>Decides whether a group may post one more warning or join prompt: a sliding window per group and a cooldown per user.</summary>
/// <remarks>Kept in memory: after a restart a group may warn a little early, which is harmless; what matters is that a spammer's
/// messages cannot make the bot write faster than the window allows.</remarks>
public sealed class WarningLimiter(GuardOptions options, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Dictionary<long, DateTimeOffset> _lastByUser = [];

    /// <summary>True (and counted) when a warning to <paramref name="userId"/> may be posted now.</summary>
    public bool TryAcquire(long userId)
    {
        var now = time.GetUtcNow();
        while (_sent.Count > 0 && now - _sent.Peek() >= options.WarningWindow) _sent.Dequeue();
        if (_lastByUser.TryGetValue(userId, out var last) && now - last < options.WarningUserCooldown) return false;
        if (_sent.Count >= options.WarningsPerWindow) return false;
        _sent.Enqueue(now);
        _lastByUser[userId] = now;
        if (_lastByUser.Count > 10_000)
            foreach (var old in _lastByUser.Where(e => now - e.Value >= options.WarningUserCooldown).Select(e => e.Key).ToList()) _lastByUser.Remove(old);
        return true;
    }
}
