namespace Cluster.TelegramSim.World;

/// <summary>The mutable state of a user account: credentials, sessions, its update stream and its flood
/// counters. Only touched under the world lock.</summary>
internal sealed class SimAccount
{
    public required long UserId { get; init; }
    public required string Phone { get; init; }
    public string? Password { get; set; }
    public required string LoginCode { get; set; }
    public bool Banned { get; set; }

    /// <summary>The code sent last has expired: submitting it answers PHONE_CODE_EXPIRED until a phone number is submitted again.</summary>
    public bool LoginCodeExpired { get; set; }

    public Dictionary<string, SimSession> Sessions { get; } = [];

    public List<SimAccountEvent> Events { get; } = [];
    public long NextSeq { get; set; } = 1;
    public AsyncSignal Signal { get; } = new();

    public SlidingWindow SendWindow { get; } = new();
    public SlidingWindow StrangerWindow { get; } = new();

    /// <summary>Users this account has talked with (either direction): messages to them are not "to strangers".</summary>
    public HashSet<long> KnownPeers { get; } = [];
}
