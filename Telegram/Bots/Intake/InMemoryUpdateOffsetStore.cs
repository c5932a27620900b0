namespace Cluster.Telegram.Bots.Intake;

/// <summary>An offset store in memory: survives restarts of a poller in the same process only (tests, tools).</summary>
/// <remarks>Production bots keep the offset in their grain state instead.</remarks>
public sealed class InMemoryUpdateOffsetStore : IUpdateOffsetStore
{
    private long _offset = -1;

    /// <summary>The saved next offset, or null.</summary>
    public long? Offset => Interlocked.Read(ref _offset) is var value && value >= 0 ? value : null;

    public ValueTask<long?> LoadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Offset);

    public ValueTask SaveAsync(long nextOffset, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _offset, nextOffset);
        return ValueTask.CompletedTask;
    }
}
