namespace Cluster.Runtime;

/// <summary>Implemented by grains that register durable reminders. Reminders are stored in the cluster
/// database and fire even after the silo that registered them is lost (the grain is activated for it).</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>What a reminder tick knows about its schedule.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

/// <summary>A registered reminder.</summary>
public sealed record GrainReminder(string GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period);

/// <summary>An in-memory timer of one activation; disposed (or the activation deactivated) to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes the due time and period of a running timer.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
