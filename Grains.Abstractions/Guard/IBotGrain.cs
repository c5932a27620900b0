
namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One bot token (key: the bot's numeric id, the part of the token before the colon): the only poller of that
/// token in the cluster; routes each update once to the grain that owns it (a protected group or an enforced channel).</summary>
[Alias("Cluster.IBotGrain")]
public interface IBotGrain : IGrainWithStringKey
{
    /// <summary>Stores the token (a secret: kept in grain state, never logged) and starts or stops polling.</summary>
    [Alias("ConfigureAsync")]
    Task ConfigureAsync(BotConfiguration configuration);

    /// <summary>Polling state and counters.</summary>
    [AlwaysInterleave]
    [Alias("GetStatusAsync")]
    Task<BotStatus> GetStatusAsync();

    /// <summary>The token, for the grains this bot routes to, so they can call the Bot API as this bot. Interleaves,
    /// because a routed grain asks for it while the bot's turn waits for that grain.</summary>
    [AlwaysInterleave]
    [Alias("GetTokenAsync")]
    Task<string> GetTokenAsync();

    /// <summary>Handles one polled batch as a turn of the bot (called by the activation's own poll loop): routes every update
    /// and advances the next offset (saved by <see cref="CheckpointAsync"/>).</summary>
    [Alias("DeliverAsync")]
    Task DeliverAsync(UpdateBatch batch);

    /// <summary>Saves the next offset if a batch advanced it since the last save (called by the poll loop while it polls again).</summary>
    [Alias("CheckpointAsync")]
    Task CheckpointAsync();
}
