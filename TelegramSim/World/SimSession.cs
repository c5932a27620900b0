namespace Cluster.TelegramSim.World;

/// <summary>A logged-in session of an account (what TDLib keeps in its database; here a token).</summary>
internal sealed class SimSession
{
    public required string Token { get; init; }
    public required long UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
