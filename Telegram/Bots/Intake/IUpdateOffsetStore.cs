namespace Cluster.Telegram.Bots.Intake;

/// <summary>Where a long poller keeps the next update id to ask for, so a restart neither loses nor repeats an update.</summary>
/// <remarks>The poller saves after each update is handled and before it confirms to Telegram (the next getUpdates), so the
/// saved offset is always at or ahead of what Telegram has forgotten. The bot grain stores it in its persistent state.</remarks>
public interface IUpdateOffsetStore
{
    /// <summary>The saved next offset (last handled update_id + 1), or null if none was ever saved.</summary>
    ValueTask<long?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Saves the next offset durably before returning.</summary>
    ValueTask SaveAsync(long nextOffset, CancellationToken cancellationToken);
}
