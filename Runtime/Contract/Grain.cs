namespace Cluster.Runtime;

/// <summary>Base class of grain implementations, as Orleans' Grain: one activation per grain id in the
/// cluster, one call at a time unless a method interleaves. Constructed by dependency injection;
/// <see cref="IPersistentState{TState}"/> parameters marked <see cref="PersistentStateAttribute"/> are
/// loaded before <see cref="OnActivateAsync"/>.</summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>The activation's context; set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public IGrainContext GrainContext
    {
        get => _context ?? throw new InvalidOperationException("The grain is not activated by the runtime yet.");
        internal set => _context = value;
    }

    public GrainId GrainId => GrainContext.GrainId;
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;
    protected IServiceProvider ServiceProvider => GrainContext.Services;

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A timer whose callback runs as a turn of this activation; see <see cref="IGrainContext.RegisterTimer"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave = false)
        => GrainContext.RegisterTimer(callback, dueTime, period, interleave);

    protected Task<GrainReminder> RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period)
        => GrainContext.RegisterOrUpdateReminderAsync(name, dueTime, period);

    protected Task UnregisterReminder(string name) => GrainContext.UnregisterReminderAsync(name);

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);
}
