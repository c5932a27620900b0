namespace Cluster.Telegram.Bots.Limits;

/// <summary>The right to send to one chat: held for the whole call, retries included, and released by Dispose.</summary>
/// <remarks>Holding it across a 429 wait keeps the chat's later messages behind the one being retried, so order is kept.
/// Each attempt is <see cref="WaitForSlotAsync"/>, the request, then <see cref="Sent"/> when its answer (or failure) is in.</remarks>
public sealed class ChatTurn : IDisposable
{
    private readonly OutgoingRateLimiter _limiter;
    private readonly TaskCompletionSource _turn;
    private int _inFlight;
    private int _disposed;

    internal ChatTurn(OutgoingRateLimiter limiter, ChatLane lane, TaskCompletionSource turn)
    {
        _limiter = limiter;
        Lane = lane;
        _turn = turn;
    }

    internal ChatLane Lane { get; }

    /// <summary>Waits for the next allowed moment for a request of <paramref name="messages"/> messages and takes it; returns a remaining flood pause too long to wait
    /// (nothing taken), or null when the request may leave now.</summary>
    public async ValueTask<TimeSpan?> WaitForSlotAsync(int messages, CancellationToken cancellationToken)
    {
        messages = Math.Clamp(messages, 1, _limiter.MessagesPerWindow);
        var remaining = await _limiter.WaitForSlotAsync(Lane, messages, cancellationToken).ConfigureAwait(false);
        _inFlight = remaining is null ? messages : 0;
        return remaining;
    }

    /// <summary>Records that the request taken by <see cref="WaitForSlotAsync"/> was answered or failed.</summary>
    public void Sent()
    {
        if (_inFlight > 0)
        {
            _limiter.Completed(Lane, _inFlight);
            _inFlight = 0;
        }
    }

    /// <summary>Records a 429: the chat (or bot) waits <paramref name="retryAfter"/> before its next send.</summary>
    public void Pause(TimeSpan retryAfter) => _limiter.Pause(Lane, retryAfter);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Sent();
            _limiter.Release(Lane, _turn);
        }
    }
}
