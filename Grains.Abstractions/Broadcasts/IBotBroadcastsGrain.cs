namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>A bot's broadcasts, keyed by the bot id: which one is sending (Telegram's limit is per bot and each silo's limiter only
/// knows its own sends, so one broadcast of a bot sends at a time) and the latest ones, newest first.</summary>
[Alias("Cluster.IBotBroadcastsGrain")]
public interface IBotBroadcastsGrain : IGrainWithStringKey
{
    /// <summary>Makes <paramref name="broadcastId"/> the bot's sending broadcast. Refused (InvalidOperationException, naming the other)
    /// while another one sends. Returns how long to wait before the first send, so the previous sender's last sends have left
    /// Telegram's one-second window (it may have run on another silo, under another limiter).</summary>
    [Alias("BeginAsync")]
    Task<TimeSpan> BeginAsync(string broadcastId);

    /// <summary>The broadcast stopped sending (paused, cancelled, completed); idempotent.</summary>
    [Alias("EndAsync")]
    Task EndAsync(string broadcastId);

    /// <summary>The sending broadcast (or null) and the latest ids, newest first.</summary>
    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<(string? Sending, IReadOnlyList<string> Latest)> ListAsync();
}
