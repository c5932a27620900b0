using System.Diagnostics;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Keeping;

/// <summary>Makes sure every registered always-on grain is active somewhere. Runs on every silo; each silo takes
/// the grains whose rendezvous hash over the Active silos picks it, so the work splits without coordination and
/// a lost silo's grains come back in parallel on all survivors.</summary>
internal sealed partial class AlwaysOnKeeper : BackgroundService
{
    private readonly IClusterStorage _storage;
    private readonly ISiloMembership _membership;
    private readonly IGrainRouter _router;
    private readonly AlwaysOnOptions _options;
    private readonly ILogger<AlwaysOnKeeper> _logger;
    private readonly SemaphoreSlim _wakeUp = new(0, 1);

    public AlwaysOnKeeper(IClusterStorage storage, ISiloMembership membership, IGrainRouter router,
        IOptions<AlwaysOnOptions> options, ILogger<AlwaysOnKeeper> logger)
    {
        _storage = storage;
        _membership = membership;
        _router = router;
        _options = options.Value;
        _logger = logger;
        // A silo died or joined: the grains it held (or should now take) are looked at without waiting an interval.
        _membership.ViewChanged += _ => WakeUp();
    }

    /// <summary>Grains this silo activated because nobody held them (since start).</summary>
    public long Activated => Interlocked.Read(ref _activated);
    private long _activated;

    public void WakeUp()
    {
        try { if (_wakeUp.CurrentCount == 0) _wakeUp.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunRoundAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogRoundFailed(ex); }
            try { await _wakeUp.WaitAsync(_options.KeeperInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass: finds this silo's share of unowned always-on grains and activates them.</summary>
    internal async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        if (_membership.IsFenced) return 0;
        var view = _membership.View;
        var active = view.Active.ToList();
        if (!active.Any(s => s.SiloId == _membership.LocalSiloId)) return 0;

        var registered = await _storage.AlwaysOn.ListAsync(cancellationToken);
        if (registered.Count == 0) return 0;
        var owned = await _storage.Directory.ListOwnedAsync(null, cancellationToken);
        var serving = view.Serving.Select(s => s.SiloId).ToHashSet(StringComparer.Ordinal);
        var liveOwner = owned.Where(e => e.SiloId is not null && serving.Contains(e.SiloId))
            .Select(e => e.GrainId).ToHashSet(StringComparer.Ordinal);

        var mine = registered
            .Where(e => !liveOwner.Contains(e.GrainId))
            .Where(e => RendezvousHash.Pick(e.GrainId, active, s => s.SiloId)!.SiloId == _membership.LocalSiloId)
            .Select(e => GrainId.Parse(e.GrainId))
            .ToList();
        if (mine.Count == 0) return 0;

        var started = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(mine, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelActivations, CancellationToken = cancellationToken },
            async (grainId, ct) =>
            {
                if (_membership.IsFenced) return;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.ActivationTimeout);
                try
                {
                    await _router.EnsureActiveAsync(grainId, timeout.Token);
                    Interlocked.Increment(ref done);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception ex) { LogActivationFailed(ex, grainId.ToString()); }
            });
        Interlocked.Add(ref _activated, done);
        LogRound(done, mine.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return done;
    }

    public override void Dispose()
    {
        base.Dispose();
        _wakeUp.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeper activated {Activated} of {Missing} always-on grains in {ElapsedMs} ms")]
    private partial void LogRound(int activated, int missing, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeper could not activate always-on grain {GrainId}; retrying next round")]
    private partial void LogActivationFailed(Exception exception, string grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keeper round failed")]
    private partial void LogRoundFailed(Exception exception);
}
