namespace Cluster.Telegram.Bots.Limits;

/// <summary>One chat's sending state: its send log, its flood-control pause and the tail of its queue of sends.</summary>
/// <remarks>Guarded by the owning <see cref="OutgoingRateLimiter"/>'s lock. A chat has at most one send in flight.</remarks>
internal sealed class ChatLane(string chat, int limit, long window)
{
    /// <summary>The chat's key: its id, or its username in lower case.</summary>
    public string Chat { get; } = chat;

    public SendLog Log { get; } = new(limit);

    public long Window { get; } = window;

    public Task Tail { get; set; } = Task.CompletedTask;

    public int Holders { get; set; }

    public long PausedUntil { get; set; }
}
