using System.Text.Json;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Membership;

/// <summary>Keeps this silo in the membership table: registers it, heartbeats with its load, reads the view,
/// declares silent silos dead, leaves gracefully, and fences the silo when it cannot renew its lease.</summary>
/// <remarks>
/// Self-fencing timing argument. Let t0 be the moment (local monotonic clock) this silo SENT a heartbeat that
/// later succeeded. The database stamps that heartbeat at some real time T >= t0, so by the database clock no
/// other silo can see this silo silent for longer than DeathTimeout before T + DeathTimeout >= t0 + DeathTimeout,
/// and only then may claim its grains (the directory's TryClaim checks the same death timeout with the same
/// clock). The watchdog fences this silo at t0 + Lease on the monotonic clock, independently of the heartbeat
/// loop (which may be stuck in a hung database call). Since Lease &lt; DeathTimeout, activations are stopped
/// at least DeathTimeout - Lease (default 1 s) before any take-over can happen; that margin absorbs the time to
/// stop activations, the watchdog's wake-up delay and drift between the two clocks' rates. Measuring from the
/// send (not the reply) is what makes the argument hold when the reply arrives late.
/// </remarks>
internal sealed partial class SiloMembershipService : ISiloMembership, IHostedLifecycleService, IDisposable
{
    private readonly IClusterStorage _storage;
    private readonly MembershipOptions _options;
    private readonly LoadCollector _loads;
    private readonly LoadBook _book;
    private readonly ILogger<SiloMembershipService> _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _heartbeatLoop;
    private Task? _watchdog;
    private long _leaseStartTimestamp;
    private int _fenced;
    private volatile bool _registered;
    private volatile SiloStatus _localStatus = SiloStatus.Joining;
    private volatile MembershipView _view = MembershipView.Empty;

    public SiloMembershipService(IClusterStorage storage, IOptions<MembershipOptions> options, LoadCollector loads,
        LoadBook book, ILogger<SiloMembershipService> logger, IHostApplicationLifetime? lifetime = null, TimeProvider? time = null)
    {
        _storage = storage;
        _options = options.Value;
        _loads = loads;
        _book = book;
        _logger = logger;
        _lifetime = lifetime;
        _time = time ?? TimeProvider.System;
        LocalSiloId = string.IsNullOrWhiteSpace(_options.SiloId) ? NewSiloId() : _options.SiloId;
        LocalAddress = _options.Address ?? "";
        HostName = string.IsNullOrWhiteSpace(_options.HostName) ? Environment.MachineName : _options.HostName;
    }

    public string LocalSiloId { get; }
    public string LocalAddress { get; }
    public string HostName { get; }
    public MembershipView View => _view;
    public bool IsFenced => Volatile.Read(ref _fenced) == 1;
    public SiloStatus LocalStatus => _localStatus;
    public MembershipOptions Options => _options;

    /// <summary>Why the silo fenced itself, once it did.</summary>
    public string? FenceReason { get; private set; }

    public event Action<MembershipView>? ViewChanged;
    public event Action? Fenced;

    private static string NewSiloId() => $"{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(LocalAddress))
            throw new OptionsValidationException(MembershipOptions.SectionName, typeof(MembershipOptions),
                [$"{MembershipOptions.SectionName}:Address must be set to the address other silos reach this silo at (http://host:port)."]);
        var sent = _time.GetTimestamp();
        await _storage.Membership.RegisterAsync(LocalSiloId, LocalAddress, HostName, cancellationToken);
        Volatile.Write(ref _leaseStartTimestamp, sent);
        _registered = true;
        _localStatus = SiloStatus.Active;
        LogRegistered(LocalSiloId, LocalAddress);
        await RefreshAsync(cancellationToken);
        _heartbeatLoop = Task.Run(() => HeartbeatLoopAsync(_stopping.Token), CancellationToken.None);
        _watchdog = StartWatchdog(_stopping.Token);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>First phase of a graceful stop: ShuttingDown, so no silo places new activations here while the
    /// core hands grains over; the silo keeps heartbeating (and serving calls) until <see cref="StopAsync"/>.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!_registered || IsFenced || _localStatus != SiloStatus.Active) return;
        _localStatus = SiloStatus.ShuttingDown;
        try
        {
            await _storage.Membership.SetStatusAsync(LocalSiloId, SiloStatus.ShuttingDown, cancellationToken);
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogStatusFailed(ex, SiloStatus.ShuttingDown); }
    }

    /// <summary>Last phase of a graceful stop: stops heartbeating and marks the row Left. Registered before the
    /// core's hosted services, so it runs after they have handed their grains over.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await LeaveAsync(cancellationToken);

    /// <summary>Stops heartbeating and marks this silo Left (idempotent).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        await WaitQuietly(_heartbeatLoop);
        await WaitQuietly(_watchdog);
        if (!_registered || IsFenced) return;
        _localStatus = SiloStatus.Left;
        try
        {
            await _storage.Membership.SetStatusAsync(LocalSiloId, SiloStatus.Left, cancellationToken);
            LogLeft(LocalSiloId);
        }
        catch (Exception ex) { LogStatusFailed(ex, SiloStatus.Left); }
    }

    /// <summary>Stops heartbeating without telling anyone, as a killed process would (tests).</summary>
    internal async Task LeaveAsyncWithoutStatus()
    {
        await _stopping.CancelAsync();
        await WaitQuietly(_heartbeatLoop);
        await WaitQuietly(_watchdog);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _storage.Membership.ReadAllAsync(cancellationToken);
        var (built, loads) = MembershipViewBuilder.Build(snapshot, _options.DeathTimeout);
        // Our own row may lag our local status by one heartbeat during a graceful stop.
        var view = _localStatus is SiloStatus.ShuttingDown or SiloStatus.Left
            ? built with { Silos = built.Silos.Select(s => s.SiloId == LocalSiloId && s.Status == SiloStatus.Active ? s with { Status = _localStatus } : s).ToList() }
            : built;
        var silos = view.Silos;
        var previous = _view;
        _book.Replace(loads);
        _view = view;
        if (_registered && !IsFenced && !_stopping.IsCancellationRequested
            && silos.FirstOrDefault(s => s.SiloId == LocalSiloId) is { Status: SiloStatus.Dead or SiloStatus.Left })
            Fence("the membership table declares this silo dead");
        if (!SameMembers(previous, view)) RaiseViewChanged(view);
    }

    internal static PublishedLoad ParseLoad(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return PublishedLoad.Empty;
        PublishedLoad? load;
        try { load = JsonSerializer.Deserialize(json, MembershipJsonContext.Default.PublishedLoad); }
        catch (JsonException) { return PublishedLoad.Empty; }
        if (load is null) return PublishedLoad.Empty;
        // A row registered but not heartbeated yet holds "{}": missing members must read as empty, not null.
        var empty = PublishedLoad.Empty;
        return load with
        {
            ActivationsByType = load.ActivationsByType ?? empty.ActivationsByType,
            ResourcesUsed = load.ResourcesUsed ?? empty.ResourcesUsed,
            ResourceCapacity = load.ResourceCapacity ?? empty.ResourceCapacity,
            CallStats = load.CallStats ?? empty.CallStats,
        };
    }

    private static bool SameMembers(MembershipView a, MembershipView b)
    {
        if (a.Silos.Count != b.Silos.Count) return false;
        var before = a.Silos.ToDictionary(s => s.SiloId, s => s.Status, StringComparer.Ordinal);
        return b.Silos.All(s => before.TryGetValue(s.SiloId, out var status) && status == s.Status);
    }

    private void RaiseViewChanged(MembershipView view)
    {
        LogViewChanged(view.Active.Count(), view.Silos.Count);
        try { ViewChanged?.Invoke(view); }
        catch (Exception ex) { LogHandlerFailed(ex); }
    }

    private async Task HeartbeatLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && !IsFenced)
        {
            var sent = _time.GetTimestamp();
            try
            {
                var loadJson = JsonSerializer.Serialize(_loads.Collect(), MembershipJsonContext.Default.PublishedLoad);
                // A heartbeat that has not answered within the lease is useless: the watchdog fences us anyway.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(_options.Lease);
                var alive = await _storage.Membership.HeartbeatAsync(LocalSiloId, loadJson, timeout.Token);
                if (!alive)
                {
                    Fence("the heartbeat was refused: this silo was declared dead");
                    return;
                }
                ExtendLease(sent);
                await RefreshAsync(timeout.Token);
                await _storage.Membership.CleanupAsync(_options.DeathTimeout, _options.RemoveDeadAfter, timeout.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { return; }
            catch (Exception ex) { LogHeartbeatFailed(ex, LocalSiloId); }

            var wait = _options.HeartbeatInterval - _time.GetElapsedTime(sent);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, _time, stopping); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void ExtendLease(long sentTimestamp)
    {
        // Heartbeats are sequential, but keep the lease monotonic anyway.
        long current;
        do
        {
            current = Volatile.Read(ref _leaseStartTimestamp);
            if (sentTimestamp <= current) return;
        } while (Interlocked.CompareExchange(ref _leaseStartTimestamp, sentTimestamp, current) != current);
    }

    /// <summary>Runs the watchdog on a thread of its own: fencing is a safety bound (activations must stop before the
    /// death timeout lets another silo take them), so it must not wait for a thread-pool thread when the pool is
    /// starved or the machine is loaded; a pool-based loop was seen waking up seconds late under load.</summary>
    private Task StartWatchdog(CancellationToken stopping)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { Watchdog(stopping); }
            finally { done.TrySetResult(); }
        })
        {
            IsBackground = true,
            Name = "cluster-lease-watchdog",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return done.Task;
    }

    private void Watchdog(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && !IsFenced)
        {
            var remaining = _options.Lease - _time.GetElapsedTime(Volatile.Read(ref _leaseStartTimestamp));
            if (remaining <= TimeSpan.Zero)
            {
                Fence($"no heartbeat succeeded within the lease of {_options.Lease.TotalMilliseconds:0} ms");
                return;
            }
            // Wake up at the lease's end, or sooner to notice renewals; 50 ms keeps the fencing delay small.
            var wait = remaining < TimeSpan.FromMilliseconds(50) ? remaining : TimeSpan.FromMilliseconds(50);
            stopping.WaitHandle.WaitOne(wait);
        }
    }

    /// <summary>Fences the silo once: raises <see cref="Fenced"/> (the catalog stops every activation),
    /// then stops the host if configured.</summary>
    internal void Fence(string reason)
    {
        if (Interlocked.Exchange(ref _fenced, 1) == 1) return;
        FenceReason = reason;
        _localStatus = SiloStatus.Dead;
        LogFenced(LocalSiloId, reason);
        try { Fenced?.Invoke(); }
        catch (Exception ex) { LogHandlerFailed(ex); }
        _ = Task.Run(async () =>
        {
            // Best effort: tell the others now rather than after the death timeout.
            try
            {
                using var timeout = new CancellationTokenSource(_options.DeathTimeout);
                await _storage.Membership.SetStatusAsync(LocalSiloId, SiloStatus.Dead, timeout.Token);
            }
            catch (Exception) { /* the database is probably what failed */ }
        });
        if (_options.StopHostWhenFenced) _lifetime?.StopApplication();
    }

    private static async Task WaitQuietly(Task? task)
    {
        if (task is null) return;
        try { await task; } catch (Exception) { /* logged by the loop */ }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} registered at {Address}")]
    private partial void LogRegistered(string siloId, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} left the cluster")]
    private partial void LogLeft(string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set this silo's status to {Status}")]
    private partial void LogStatusFailed(Exception exception, SiloStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership view changed: {ActiveSilos} active of {KnownSilos} known silos")]
    private partial void LogViewChanged(int activeSilos, int knownSilos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of silo {SiloId} failed")]
    private partial void LogHeartbeatFailed(Exception exception, string siloId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {SiloId} fenced itself: {Reason}; stopping every activation")]
    private partial void LogFenced(string siloId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A membership event handler failed")]
    private partial void LogHandlerFailed(Exception exception);
}
