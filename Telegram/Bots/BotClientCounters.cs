namespace Cluster.Telegram.Bots;

/// <summary>Running totals of one client's requests, for metrics and benchmarks.</summary>
/// <remarks>Updated with interlocked increments; read them at any time.</remarks>
public sealed class BotClientCounters
{
    private long _calls;
    private long _failures;
    private long _tooManyRequests;
    private long _retries;
    private long _refusals;

    /// <summary>Requests sent to the server (each retry counts).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests that ended in an error answer or no usable answer, 429s included.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>429 answers received.</summary>
    public long TooManyRequests => Interlocked.Read(ref _tooManyRequests);

    /// <summary>Requests repeated after waiting out a 429.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Sends refused without reaching Telegram because flood control paused their chat longer than the client waits.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    internal void Call() => Interlocked.Increment(ref _calls);

    internal void Failure() => Interlocked.Increment(ref _failures);

    internal void TooManyRequest() => Interlocked.Increment(ref _tooManyRequests);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void Refusal() => Interlocked.Increment(ref _refusals);
}
