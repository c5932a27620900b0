namespace Cluster.TelegramSim.World;

/// <summary>Counts events in a sliding time window, for flood limits. Not thread-safe: used under the world lock.</summary>
internal sealed class SlidingWindow
{
    private readonly Queue<DateTimeOffset> _events = new();

    /// <summary>Whether <paramref name="count"/> more events fit in the window; if not, how many whole
    /// seconds until they would (at least 1).</summary>
    public bool CanAdd(DateTimeOffset now, int limit, TimeSpan window, int count, out int retryAfterSeconds)
    {
        while (_events.Count > 0 && _events.Peek() <= now - window) _events.Dequeue();
        if (_events.Count + count <= limit)
        {
            retryAfterSeconds = 0;
            return true;
        }
        // The oldest events must leave the window to make room for `count` new ones.
        var mustExpire = Math.Min(_events.Count, _events.Count + count - limit);
        var freedAt = _events.ElementAt(Math.Max(0, mustExpire - 1)) + window;
        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((freedAt - now).TotalSeconds));
        return false;
    }

    public void Add(DateTimeOffset now, int count)
    {
        for (var i = 0; i < count; i++) _events.Enqueue(now);
    }
}
