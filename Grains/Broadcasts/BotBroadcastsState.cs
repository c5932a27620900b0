namespace Cluster.Grains.Broadcasts;

/// <summary>A bot's broadcasts: the one sending, when the last one stopped sending, and the latest ids (newest first, bounded).</summary>
public sealed class BotBroadcastsState
{
    public string? Sending { get; set; }
    public DateTimeOffset? LastStoppedAt { get; set; }
    public List<string> Latest { get; set; } = [];
}
