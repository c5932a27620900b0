using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Placement;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Activation;

/// <summary>The activations of this silo: at most one per grain id, created on the first call that reaches the
/// silo, collected when idle, all deactivated on shutdown (handing grains over) or at once when the silo fences
/// itself. Also counts resource units for resource-aware placement.</summary>
internal sealed class ActivationCatalog : IActivationCatalog, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly Dictionary<string, int> _resourcesUsed = new(StringComparer.Ordinal);
    private readonly Lazy<IGrainFactory> _grainFactory;
    private readonly Dictionary<string, int> _capacity;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposeCount;
    private volatile bool _accepting = true;
    private volatile bool _fenced;
    private Task? _collector;

    public ActivationCatalog(
        IServiceProvider services,
        IClusterStorage storage,
        ISiloMembership membership,
        IOptions<ClusterRuntimeOptions> options,
        IOptions<MembershipOptions> membershipOptions,
        IOptions<ResourceCapacityOptions> capacity,
        CallStatistics statistics,
        RuntimeMetrics metrics,
        ILogger<ActivationCatalog> logger)
    {
        Services = services;
        Storage = storage;
        Membership = membership;
        Options = options.Value;
        DeathTimeout = membershipOptions.Value.DeathTimeout;
        _capacity = capacity.Value.Capacity;
        Statistics = statistics;
        Log = new CatalogLog(logger);
        _grainFactory = new Lazy<IGrainFactory>(() => (IGrainFactory)services.GetService(typeof(IGrainFactory))!);
        metrics.Meter.CreateObservableGauge("cluster.activations", ObserveActivations, "{activation}", "Activations on this silo by grain type.");
    }

    public IServiceProvider Services { get; }
    public IClusterStorage Storage { get; }
    public ISiloMembership Membership { get; }
    public ClusterRuntimeOptions Options { get; }

    /// <summary>The membership death timeout: a directory owner silent this long may be replaced by a claim.</summary>
    public TimeSpan DeathTimeout { get; }
    public CallStatistics Statistics { get; }
    public CatalogLog Log { get; }
    public IGrainFactory GrainFactory => _grainFactory.Value;

    /// <summary>False once the silo drains for shutdown or fences itself: no new activations here.</summary>
    public bool IsAccepting => _accepting && !_fenced;

    /// <summary>True once the silo fenced itself: no state writes, no database access, no calls.</summary>
    public bool IsFenced => _fenced;

    public int Count => _activations.Count;

    public bool TryGet(GrainId grainId, out ActivationData activation) => _activations.TryGetValue(grainId, out activation!);

    /// <summary>The activation of the grain on this silo, created (and its activation turn started) when there is
    /// none. Refuses with <see cref="GrainRoutingException"/> when the silo takes no new activations or its
    /// capacity for the grain's resource is used up.</summary>
    public ActivationData GetOrCreate(GrainClassInfo grainClass, GrainId grainId)
    {
        while (true)
        {
            if (_activations.TryGetValue(grainId, out var existing)) return existing;
            if (!IsAccepting)
                throw new GrainRoutingException(RoutingRefusal.NotAccepting, $"Silo {Membership.LocalSiloId} takes no new activations ({(_fenced ? "fenced" : "shutting down")}).");
            var info = grainClass.Info;
            if (info.IsResourceAware && !TryReserve(info.Resource!, info.ResourceUnits))
                throw new GrainRoutingException(RoutingRefusal.Full, $"Silo {Membership.LocalSiloId} has no {info.Resource} capacity left for {grainId}.");
            var created = new ActivationData(this, grainClass, grainId);
            if (_activations.TryAdd(grainId, created))
            {
                created.Start();
                return created;
            }
            if (info.IsResourceAware) Release(info.Resource!, info.ResourceUnits);
        }
    }

    internal void Remove(ActivationData activation)
    {
        if (!_activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation))) return;
        var info = activation.Class.Info;
        if (info.IsResourceAware) Release(info.Resource!, info.ResourceUnits);
    }

    private bool TryReserve(string resource, int units)
    {
        lock (_resourcesUsed)
        {
            var used = _resourcesUsed.GetValueOrDefault(resource);
            if (_capacity.TryGetValue(resource, out var capacity) && used + units > capacity) return false;
            _resourcesUsed[resource] = used + units;
            return true;
        }
    }

    private void Release(string resource, int units)
    {
        lock (_resourcesUsed) _resourcesUsed[resource] = Math.Max(0, _resourcesUsed.GetValueOrDefault(resource) - units);
    }

    public IReadOnlyDictionary<string, int> CountsByType()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in _activations.Values)
            counts[activation.Class.Name] = counts.GetValueOrDefault(activation.Class.Name) + 1;
        return counts;
    }

    public IReadOnlyDictionary<string, int> ResourcesUsed()
    {
        lock (_resourcesUsed) return new Dictionary<string, int>(_resourcesUsed, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<GrainId> ActiveGrainIds() => [.. _activations.Keys];

    public async Task<bool> DeactivateAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_activations.TryGetValue(grainId, out var activation)) return false;
        await activation.DeactivateAsync(reason).WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason == DeactivationReason.SelfFencing) _fenced = true;
        if (reason is DeactivationReason.ShuttingDown or DeactivationReason.SelfFencing) _accepting = false;
        var all = _activations.Values.Select(a => a.DeactivateAsync(reason)).ToList();
        await Task.WhenAll(all).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every activation at once without touching the database: the silo lost its lease.</summary>
    public void Fence()
    {
        if (_fenced) return;
        _fenced = true;
        _accepting = false;
        Log.Fencing(Membership.LocalSiloId, _activations.Count);
        _ = DeactivateAllAsync(DeactivationReason.SelfFencing, CancellationToken.None);
    }

    /// <summary>Stops taking new activations (graceful shutdown begins).</summary>
    public void StopAccepting() => _accepting = false;

    public void StartCollector() => _collector ??= CollectLoopAsync(_stopping.Token);

    private async Task CollectLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.CollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                CollectIdle();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Deactivates every activation idle past its collection age; returns how many.</summary>
    internal int CollectIdle()
    {
        var now = Environment.TickCount64;
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (!activation.IsCollectable(now)) continue;
            _ = activation.DeactivateAsync(DeactivationReason.Idle);
            collected++;
        }
        return collected;
    }

    internal Task<GrainReminder> RegisterReminderAsync(ActivationData activation, string name, TimeSpan dueTime, TimeSpan period)
    {
        EnsureRemindable(activation);
        return UpsertAsync();

        async Task<GrainReminder> UpsertAsync()
        {
            var view = Membership.View;
            var now = view.DatabaseNow == DateTimeOffset.MinValue ? DateTimeOffset.UtcNow : view.DatabaseNow;
            var reminder = new GrainReminder(activation.GrainId.ToString(), name, now + dueTime, period);
            await Storage.Reminders.UpsertAsync(reminder, CancellationToken.None).ConfigureAwait(false);
            return reminder;
        }
    }

    internal Task UnregisterReminderAsync(ActivationData activation, string name)
    {
        EnsureRemindable(activation);
        return Storage.Reminders.RemoveAsync(activation.GrainId.ToString(), name, CancellationToken.None);
    }

    internal Task<IReadOnlyList<GrainReminder>> ListRemindersAsync(ActivationData activation)
    {
        if (_fenced) throw new StaleEpochException($"Silo {Membership.LocalSiloId} has fenced itself; reminders cannot be read.");
        return Storage.Reminders.ReadForGrainAsync(activation.GrainId.ToString(), CancellationToken.None);
    }

    private void EnsureRemindable(ActivationData activation)
    {
        if (!activation.Class.IsRemindable)
            throw new InvalidOperationException($"Grain class {activation.Class.Info.ImplementationType.FullName} must implement IRemindable to register reminders.");
        if (_fenced) throw new StaleEpochException($"Silo {Membership.LocalSiloId} has fenced itself; reminders cannot be changed.");
    }

    private IEnumerable<Measurement<int>> ObserveActivations()
        => CountsByType().Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("grain.type", p.Key)));

    public void Dispose()
    {
        // Idempotent: the container disposes the catalog once per registration that resolved it (class and interface).
        if (Interlocked.Exchange(ref _disposeCount, 1) == 1) return;
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
