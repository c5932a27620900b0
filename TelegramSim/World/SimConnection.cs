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
    public bool Closed { get; set; }
    public AsyncSignal DropSignal { get; } = new();

    public bool IsLive(DateTimeOffset now, TimeSpan window) =>
        !Closed && DroppedWith is null && (OpenPolls > 0 || now - LastSeen < window);
}
