namespace Cluster.Grains.Guard;

/// <summary>Decides whether a group may post one more bot message of one kind (warnings, join prompts): a sliding window per
/// group and, optionally, a cooldown per user.</summary>
/// <remarks>Kept in memory: after a restart a group may post a little early, which is harmless, because the budgets together stay
/// well under Telegram's 20 messages per minute per group (so the client never holds a turn waiting for the group's limit).
/// What matters is that neither a spammer nor a join flood can make the bot write faster than the window allows.</remarks>
public sealed class MessageBudget(int perWindow, TimeSpan window, TimeSpan userCooldown, TimeProvider time)
{
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Dictionary<long, DateTimeOffset> _lastByUser = [];

    /// <summary>True (and counted) when a message for <paramref name="userId"/> may be posted now (null: not about one user).</summary>
    public bool TryAcquire(long? userId = null)
    {
        var now = time.GetUtcNow();
        Expire(now);
        if (userId is { } user && _lastByUser.TryGetValue(user, out var last) && now - last < userCooldown) return false;
        if (_sent.Count >= perWindow) return false;
        _sent.Enqueue(now);
        if (userId is { } id)
        {
            _lastByUser[id] = now;
            if (_lastByUser.Count > 10_000)
                foreach (var old in _lastByUser.Where(e => now - e.Value >= userCooldown).Select(e => e.Key).ToList()) _lastByUser.Remove(old);
        }
        return true;
    }

    /// <summary>How long until the window has room for one more message (zero when it has room now).</summary>
    public TimeSpan TimeUntilRoom()
    {
        var now = time.GetUtcNow();
        Expire(now);
        return _sent.Count < perWindow ? TimeSpan.Zero : _sent.Peek() + window - now;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_sent.Count > 0 && now - _sent.Peek() >= window) _sent.Dequeue();
    }
}
