namespace Cluster.Runtime.Reminders;

/// <summary>Settings of the reminder service (configuration section <c>Cluster:Reminders</c>).</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Cluster:Reminders";

    /// <summary>How often each silo re-reads the reminder table to pick up new, changed and re-owned reminders
    /// (also at once when the membership view changes). Default 5 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one tick may take to reach its grain before it counts as failed. Default 30 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
