using Cluster.Runtime.Activation;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Reminders;

/// <summary>Fires durable reminders. Each reminder is owned by one Active silo (rendezvous hash of its grain id
/// over the Active silos), which schedules its ticks and delivers them through the router (activating the grain
/// if needed). When a silo is lost, the next refresh hands its reminders to the survivors; ticks missed while
/// nobody owned a reminder are skipped, as in Orleans.</summary>
internal sealed partial class ReminderService : BackgroundService
{
    private sealed record Scheduled(GrainReminder Reminder, CancellationTokenSource Cancel);

    private readonly IClusterStorage _storage;
    private readonly ISiloMembership _membership;
    private readonly IGrainRouter _router;
    private readonly ReminderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ReminderService> _logger;
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private readonly Dictionary<(string GrainId, string Name), Scheduled> _scheduled = [];

    public ReminderService(IClusterStorage storage, ISiloMembership membership, IGrainRouter router,
        IOptions<ReminderOptions> options, TimeProvider time, ILogger<ReminderService> logger)
    {
        _storage = storage;
        _membership = membership;
        _router = router;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _membership.ViewChanged += _ => RefreshSoon();
    }

    /// <summary>Reminders this silo currently owns and schedules.</summary>
    public int OwnedCount { get { lock (_scheduled) return _scheduled.Count; } }

    /// <summary>Ticks delivered by this silo since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);
    private long _delivered;

    /// <summary>Re-reads the reminder table now (e.g. right after a grain registered a reminder).</summary>
    public void RefreshSoon()
    {
        try { if (_wakeUp.CurrentCount == 0) _wakeUp.Release(); }
        catch (SemaphoreFullException) { }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await RefreshAsync(stoppingToken); }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex) { LogRefreshFailed(ex); }
                try { await _wakeUp.WaitAsync(_options.RefreshInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
        finally { UnscheduleAll(); }
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var active = _membership.View.Active.ToList();
        var local = _membership.LocalSiloId;
        if (_membership.IsFenced || !active.Any(s => s.SiloId == local))
        {
            UnscheduleAll();
            return;
        }
        var all = await _storage.Reminders.ReadAllAsync(cancellationToken);
        var mine = all.Where(r => RendezvousHash.Pick(r.GrainId, active, s => s.SiloId)!.SiloId == local)
            .ToDictionary(r => (r.GrainId, r.Name));
        lock (_scheduled)
        {
            foreach (var (key, scheduled) in _scheduled.ToList())
            {
                if (mine.TryGetValue(key, out var current) && current == scheduled.Reminder) continue;
                scheduled.Cancel.Cancel();
                _scheduled.Remove(key);
            }
            foreach (var (key, reminder) in mine)
            {
                if (_scheduled.ContainsKey(key)) continue;
                var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _scheduled[key] = new Scheduled(reminder, cancel);
                _ = Task.Run(() => TickLoopAsync(reminder, cancel.Token), CancellationToken.None);
            }
        }
    }

    private async Task TickLoopAsync(GrainReminder reminder, CancellationToken cancellationToken)
    {
        var grainId = GrainId.Parse(reminder.GrainId);
        var period = reminder.Period > TimeSpan.Zero ? reminder.Period : TimeSpan.FromMinutes(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var next = reminder.StartAt;
            if (next < now)
                next += period * Math.Ceiling((now - reminder.StartAt) / period);
            try { await Task.Delay(next - now, _time, cancellationToken); }
            catch (OperationCanceledException) { return; }
            if (_membership.IsFenced) return;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.DeliveryTimeout);
            try
            {
                await _router.DeliverReminderAsync(grainId, reminder.Name, new TickStatus(reminder.StartAt, period, next), timeout.Token);
                Interlocked.Increment(ref _delivered);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
            catch (Exception ex) { LogTickFailed(ex, reminder.Name, reminder.GrainId); }
            // Never tick twice for one due time, even when delivery was instant.
            if (_time.GetUtcNow() < next + TimeSpan.FromMilliseconds(1))
            {
                try { await Task.Delay(TimeSpan.FromMilliseconds(1), _time, cancellationToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void UnscheduleAll()
    {
        lock (_scheduled)
        {
            foreach (var scheduled in _scheduled.Values)
            {
                scheduled.Cancel.Cancel();
            }
            _scheduled.Clear();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _wakeUp.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of grain {GrainId} could not be delivered")]
    private partial void LogTickFailed(Exception exception, string reminderName, string grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the reminder table failed")]
    private partial void LogRefreshFailed(Exception exception);
}
