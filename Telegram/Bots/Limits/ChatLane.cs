using Cluster.Telegram.Bots.Types;

namespace Cluster.Telegram.Bots.Limits;

/// <summary>The send history of one chat: the last N send times (N = the chat's limit), a flood-control pause and the queue tail.</summary>
/// <remarks>Guarded by the owning <see cref="OutgoingRateLimiter"/>'s lock; send times are recorded in increasing order because
/// a chat's sends go one at a time.</remarks>
internal sealed class ChatLane(ChatId chat, int limit)
{
    private readonly long[] _sends = new long[limit];
    private int _count;
    private int _oldest;

    public ChatId Chat { get; } = chat;

    public Task Tail { get; set; } = Task.CompletedTask;

    public int Holders { get; set; }

    public long PausedUntil { get; set; } = long.MinValue;

    public long LastSend { get; private set; } = long.MinValue / 2;

    /// <summary>The earliest time another send keeps at most N sends in any window.</summary>
    public long NextAllowed(long window) => _count < _sends.Length ? long.MinValue : _sends[_oldest] + window;

    public void Record(long time)
    {
        if (_count < _sends.Length)
        {
            _sends[(_oldest + _count) % _sends.Length] = time;
            _count++;
        }
        else
        {
            _sends[_oldest] = time;
            _oldest = (_oldest + 1) % _sends.Length;
        }
        LastSend = time;
    }
}
