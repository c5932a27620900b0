namespace Cluster.Runtime.Activation;

/// <summary>Reaches a grain wherever it lives (activating it through placement if it is nowhere). Used by
/// the always-on keeper and the reminder service, which act on grains without a typed reference.</summary>
public interface IGrainRouter
{
    /// <summary>Makes sure the grain is active somewhere; returns the silo id hosting it.</summary>
    Task<string> EnsureActiveAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Delivers a reminder tick to the grain (which must implement <see cref="IRemindable"/>).</summary>
    Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken);
}
