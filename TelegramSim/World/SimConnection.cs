namespace Cluster.TelegramSim.World;

/// <summary>One client connection of the account protocol: it logs in (phone, code, password) or
/// resumes a session. A connection dropped for AUTH_KEY_DUPLICATED answers that error to every request.</summary>
internal sealed class SimConnection
{
    public required string Id { get; init; }
    public required DateTimeOffset ConnectedAt { get; init; }
    public string? SessionToken { get; set; }
    public long? UserId { get; set; }
    public string? PendingPhone { get; set; }
    public ConnectionStage Stage { get; set; } = ConnectionStage.WaitPhoneNumber;
    public SimException? DroppedWith { get; set; }
    public int OpenPolls { get; set; }
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>When the connection's last update poll ended; null while it never polled.</summary>
    public DateTimeOffset? LastPollEnded { get; set; }

    public bool Closed { get; set; }
    public AsyncSignal DropSignal { get; } = new();

    /// <summary>Whether the client is still there. A client that polls its updates keeps a poll open all the time, so
    /// once its last poll ended it counts as gone after <paramref name="pollGap"/> (its process died between two polls,
    /// as a TCP connection closed by the kernel); a client that never polled counts as live for <paramref name="window"/>
    /// after its last request.</summary>
    public bool IsLive(DateTimeOffset now, TimeSpan window, TimeSpan pollGap) =>
        !Closed && DroppedWith is null
                && (OpenPolls > 0 || (LastPollEnded is { } ended ? now - ended < pollGap : now - LastSeen < window));
}
