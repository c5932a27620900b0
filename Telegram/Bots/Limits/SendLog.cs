namespace Cluster.Telegram.Bots.Limits;

/// <summary>The completion times of the last N sends of one scope (a chat, or the whole bot), oldest overwritten first.</summary>
/// <remarks>Times are recorded when a send's answer arrived, under the limiter's lock, so they only grow.</remarks>
internal sealed class SendLog(int limit)
{
    private readonly long[] _times = new long[limit];
    private int _next;
    private int _count;

    public int Limit => _times.Length;

    public long Newest => _count == 0 ? long.MinValue / 2 : _times[(_next - 1 + _times.Length) % _times.Length];

    /// <summary>The earliest time at which one more send keeps at most <see cref="Limit"/> sends in any window, counting
    /// <paramref name="inFlight"/> unanswered sends as happening now.</summary>
    public long NextAllowed(long window, int inFlight)
    {
        var m = Limit - inFlight;
        if (m <= 0)
            return long.MaxValue;
        return _count < m ? long.MinValue : _times[(_next - m + _times.Length) % _times.Length] + window;
    }

    public void Record(long time)
    {
        _times[_next] = time;
        _next = (_next + 1) % _times.Length;
        if (_count < _times.Length)
            _count++;
    }
}
