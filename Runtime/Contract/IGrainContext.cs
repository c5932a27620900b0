namespace Cluster.Runtime;

/// <summary>What the runtime gives one activation. Grains use it through <see cref="Grain"/>'s members;
/// the runtime implements it.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }
    IGrainFactory GrainFactory { get; }
    IServiceProvider Services { get; }

    /// <summary>A timer whose callback runs as a turn of the activation (not interleaved with calls,
    /// unless <paramref name="interleave"/>), stopped when the activation deactivates.</summary>
    IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool interleave);

    Task<GrainReminder> RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period);
    Task UnregisterReminderAsync(string name);
    Task<IReadOnlyList<GrainReminder>> GetRemindersAsync();

    /// <summary>Deactivate once the current turn ends.</summary>
    void DeactivateOnIdle();

    /// <summary>Keep the activation at least this long, even if idle.</summary>
    void DelayDeactivation(TimeSpan timeSpan);
}
