namespace Cluster.Telegram.Bots.Limits;

/// <summary>The right to send to one chat now: held for the whole call, retries included, and released by Dispose.</summary>
/// <remarks>Holding it across a 429 wait keeps the chat's later messages behind the one being retried, so order is kept.</remarks>
public sealed class ChatTurn : IDisposable
{
    private readonly OutgoingRateLimiter _limiter;
    private readonly TaskCompletionSource _turn;
    private int _disposed;

    internal ChatTurn(OutgoingRateLimiter limiter, ChatLane lane, TaskCompletionSource turn)
    {
        _limiter = limiter;
        Lane = lane;
        _turn = turn;
    }

    internal ChatLane Lane { get; }

    /// <summary>Waits for the next allowed moment; returns a remaining flood pause too long to wait, or null to go.</summary>
    public ValueTask<TimeSpan?> WaitForSlotAsync(CancellationToken cancellationToken) => _limiter.WaitForSlotAsync(Lane, cancellationToken);

    /// <summary>Records a 429: the chat (or bot) waits <paramref name="retryAfter"/> before its next send.</summary>
    public void Pause(TimeSpan retryAfter) => _limiter.Pause(Lane, retryAfter);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _limiter.Release(Lane, _turn);
    }
}
