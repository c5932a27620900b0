using System.Diagnostics;
using Cluster.Grains.Abstractions.Keeping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Keeping;

/// <summary>Keeps every registered always-on grain active: a grain service on every silo, owning the registry rows whose
/// hash falls in its range of the consistent ring (as Orleans' reminder service does with reminders). It reads only its
/// range (at start, on every ring change, and every <see cref="AlwaysOnKeeperOptions.RangeRefreshInterval"/>) and calls
/// each of its grains every <see cref="AlwaysOnKeeperOptions.KeepAliveInterval"/>: a dead silo's grains come back on the
/// survivors whose ranges grew, in parallel, without any keeper reading the whole registry.</summary>
public sealed partial class AlwaysOnKeeper : GrainService, IAlwaysOnKeeperService
{
    private readonly IAlwaysOnStore _store;
    private readonly IGrainFactory _grains;
    private readonly AlwaysOnKeeperOptions _options;
    private readonly ILogger<AlwaysOnKeeper> _logger;
    private readonly HashSet<GrainId> _kept = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _rangeStale = true;
    private long _lastRead;

    public AlwaysOnKeeper(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, IAlwaysOnStore store, IGrainFactory grains,
        IOptions<AlwaysOnKeeperOptions> options)
        : base(grainId, silo, loggerFactory)
    {
        _store = store;
        _grains = grains;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<AlwaysOnKeeper>();
    }

    public async Task AddAsync(GrainId grain)
    {
        await _store.AddAsync(new AlwaysOnEntry(grain.ToString(), grain.GetUniformHashCode()), StoppedCancellationTokenSource.Token);
        if (RingRange.InRange(grain) && _kept.Add(grain)) LogAdded(grain);
    }

    public async Task RemoveAsync(GrainId grain)
    {
        await _store.RemoveAsync(grain.ToString(), StoppedCancellationTokenSource.Token);
        if (_kept.Remove(grain)) LogRemoved(grain);
    }

    public Task<int> CountAsync() => Task.FromResult(_kept.Count);

    protected override async Task StartInBackground()
    {
        await base.StartInBackground();
        _ = RunAsync();
    }

    public override async Task OnRangeChange(IRingRange oldRange, IRingRange newRange, bool increased)
    {
        await base.OnRangeChange(oldRange, newRange, increased);
        // A silo joined or left: this keeper's share changed. Read it and call the new grains without waiting a tick.
        _rangeStale = true;
        WakeUp();
    }

    private void WakeUp()
    {
        try { if (_wake.CurrentCount == 0) _wake.Release(); }
        catch (SemaphoreFullException) { }
    }

    private async Task RunAsync()
    {
        var stopping = StoppedCancellationTokenSource.Token;
        var fullRound = true;
        var lastFullRound = Stopwatch.GetTimestamp();
        IReadOnlyCollection<GrainId> unanswered = [];
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (_rangeStale || Stopwatch.GetElapsedTime(_lastRead) >= _options.RangeRefreshInterval) await ReadRangeAsync(stopping);
                if (fullRound) lastFullRound = Stopwatch.GetTimestamp();
                unanswered = await KeepAliveAsync(fullRound ? _kept.ToArray() : unanswered.Where(_kept.Contains).ToArray(), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                LogRoundFailed(e);
            }
            // The grains that did not answer are called again soon: right after a silo died, the round its death started
            // still reaches the dead activations (the directory forgets them a moment later), and waiting a whole interval
            // for the next round kept a dead silo's accounts down for several seconds more.
            var untilFullRound = _options.KeepAliveInterval - Stopwatch.GetElapsedTime(lastFullRound);
            var wait = unanswered.Count > 0 && _options.RetryInterval < untilFullRound ? _options.RetryInterval : untilFullRound;
            try { fullRound = wait <= TimeSpan.Zero || await _wake.WaitAsync(wait, stopping) || wait == untilFullRound; }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ReadRangeAsync(CancellationToken cancellationToken)
    {
        _rangeStale = false;
        var range = RingRange;
        var serial = RangeSerialNumber;
        var read = new HashSet<GrainId>();
        foreach (var part in RangeFactory.GetSubRanges(range))
        {
            foreach (var entry in await _store.ReadRangeAsync(part.Begin, part.End, cancellationToken))
                read.Add(GrainId.Parse(entry.GrainId));
        }
        // The range changed while reading: read again (the flag was set by the change).
        if (serial != RangeSerialNumber) return;
        _kept.Clear();
        _kept.UnionWith(read);
        _lastRead = Stopwatch.GetTimestamp();
        LogRangeRead(_kept.Count, range.ToString() ?? "");
    }

    /// <summary>Calls the given grains; returns those that did not answer.</summary>
    private async Task<IReadOnlyCollection<GrainId>> KeepAliveAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken)
    {
        if (grains.Count == 0) return [];
        using var gate = new SemaphoreSlim(_options.MaxConcurrentCalls);
        var calls = new List<Task<(GrainId Grain, bool Answered)>>(grains.Count);
        foreach (var grain in grains)
        {
            await gate.WaitAsync(cancellationToken);
            calls.Add(CallAsync(grain, gate));
        }
        return [.. (await Task.WhenAll(calls)).Where(c => !c.Answered).Select(c => c.Grain)];
    }

    private async Task<(GrainId, bool)> CallAsync(GrainId grain, SemaphoreSlim gate)
    {
        try
        {
            await _grains.GetGrain(grain).AsReference<IAlwaysOnGrain>().KeepAliveAsync();
            return (grain, true);
        }
        catch (Exception e)
        {
            // Its silo just died, its activation failed (a database hiccup, a grain refusing to start): called again soon.
            LogKeepAliveFailed(grain, e.Message);
            return (grain, false);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Always-on grain {Grain} is kept by this silo from now on")]
    private partial void LogAdded(GrainId grain);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Always-on grain {Grain} is no longer kept")]
    private partial void LogRemoved(GrainId grain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeper range read: {Count} always-on grains in {Range}")]
    private partial void LogRangeRead(int count, string range);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Always-on grain {Grain} did not answer the keeper: {Reason}")]
    private partial void LogKeepAliveFailed(GrainId grain, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeper round failed")]
    private partial void LogRoundFailed(Exception exception);
}
