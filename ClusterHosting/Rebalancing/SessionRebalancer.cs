using Cluster.Hosting.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Hosting.Rebalancing;

/// <summary>Pulls accounts to this silo when it has room: every <see cref="RebalancingOptions.Interval"/> it reads the other
/// Active silos' session loads and (1) with free slots, asks silos with a queue to send it queued accounts (premium first,
/// at most its free slots, which it reserves for them so placement does not fill them meanwhile); else (2) when another
/// silo holds more than <see cref="RebalancingOptions.MinimumSpread"/> sessions more, asks it for a few connected accounts,
/// up to the mean (<see cref="RebalancePlanner"/>), resting <see cref="RebalancingOptions.BalanceCooldown"/> between pulls,
/// and goes on until the mean is reached (hysteresis: a small spread does not start balancing, but does not stop it).
/// A silo only ever pulls, so a new silo fills itself and two silos never push accounts at each other. The accounts asked
/// close their sessions and migrate here (Orleans grain migration with this silo as the placement hint).</summary>
public sealed partial class SessionRebalancer(SessionSlots slots, SessionLoadClient loads, IClusterMembershipService membership,
    ILocalSiloDetails local, IOptions<RebalancingOptions> options, ILogger<SessionRebalancer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly RebalancingOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private DateTimeOffset _pulledForBalanceAt = DateTimeOffset.MinValue;
    private bool _balancing;
    private long _pulled;

    /// <summary>Accounts this silo asked others to send it (queued and connected), since start.</summary>
    public long Pulled => Interlocked.Read(ref _pulled);

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(SessionRebalancer), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        if (_options.Enabled) _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            try { await loop.WaitAsync(cancellationToken); }
            catch (OperationCanceledException) { }
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try { await Task.Delay(_options.Interval, stopping); }
            catch (OperationCanceledException) { return; }
            try { await RunRoundAsync(stopping); }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception e) { LogRoundFailed(e); }
        }
    }

    /// <summary>One round; returns how many accounts this silo asked others to send it.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken)
    {
        var me = local.SiloAddress;
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(me))
            .Select(m => m.SiloAddress)
            .ToList();
        if (silos.Count == 0) return 0;
        var read = await Task.WhenAll(silos.Select(ReadAsync));
        var others = read.Where(r => r.Load is not null).Select(r => (r.Silo, r.Load!)).ToList();
        if (others.Count == 0) return 0;

        var mine = slots.Load();
        var queued = RebalancePlanner.QueuedPulls(mine, others, _options.MaxQueuedMovesPerRound);
        if (queued.Count > 0)
        {
            var asked = 0;
            foreach (var (source, count) in queued)
            {
                cancellationToken.ThrowIfCancellationRequested();
                asked += await PullAsync(source, count, () => loads.SendQueuedAsync(source, me, count));
            }
            if (asked > 0) LogPulledQueued(asked, mine.Free);
            return asked;
        }

        if (DateTimeOffset.UtcNow - _pulledForBalanceAt < _options.BalanceCooldown) return 0;
        if (RebalancePlanner.BalancePull(mine, others, _options.MinimumSpread, _options.MaxMovesPerRound, _balancing) is not { } pull)
        {
            // Under way, balancing waits for accounts that are still settling instead of stopping short of the mean.
            if (_balancing && RebalancePlanner.WaitsForSettling(mine, others))
            {
                LogWaitingForSettling(mine.Settled);
                return 0;
            }
            if (_balancing) LogBalanced(mine.Settled);
            _balancing = false;
            return 0;
        }
        var given = await PullAsync(pull.Source, pull.Count, () => loads.SendHeldAsync(pull.Source, me, pull.Count, pull.Mean));
        if (given > 0)
        {
            _balancing = true;
            _pulledForBalanceAt = DateTimeOffset.UtcNow;
            LogPulledHeld(given, pull.Source, mine.Settled, pull.Mean);
        }
        return given;
    }

    // The slots are reserved before asking, so placement does not hand them to newcomers while the accounts are on their way.
    private async Task<int> PullAsync(SiloAddress source, int count, Func<Task<int>> ask)
    {
        slots.Reserve(count, _options.ReservationTimeout);
        var asked = 0;
        try
        {
            asked = await ask().WaitAsync(_options.CallTimeout);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogPullFailed(source, e.Message);
        }
        slots.Unreserve(count - asked);
        Interlocked.Add(ref _pulled, asked);
        return asked;
    }

    private async Task<(SiloAddress Silo, SessionLoad? Load)> ReadAsync(SiloAddress silo)
    {
        try
        {
            return (silo, await loads.GetLoadAsync(silo).WaitAsync(_options.CallTimeout));
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            return (silo, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked for {Count} queued accounts ({Free} free slots here)")]
    private partial void LogPulledQueued(int count, int free);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked {Source} for {Count} connected accounts to even out the load ({Settled} here, mean {Mean:0.0})")]
    private partial void LogPulledHeld(int count, SiloAddress source, int settled, double mean);

    [LoggerMessage(Level = LogLevel.Information, Message = "Balanced: {Settled} sessions here, as near the mean as the others allow")]
    private partial void LogBalanced(int settled);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Balancing waits: {Settled} sessions here, below the mean, and the accounts above it are still settling")]
    private partial void LogWaitingForSettling(int settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Source} did not answer a pull: {Reason}")]
    private partial void LogPullFailed(SiloAddress source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebalancing round failed")]
    private partial void LogRoundFailed(Exception exception);
}
