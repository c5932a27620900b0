namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of getUpdates (core.telegram.org/bots/api#getupdates).</summary>
/// <remarks>Asking with offset N confirms every update below N; they are then gone for good.</remarks>
public sealed record GetUpdatesRequest
{
    public long? Offset { get; init; }
    public int? Limit { get; init; }
    public int? Timeout { get; init; }
    public IReadOnlyList<string>? AllowedUpdates { get; init; }
}
