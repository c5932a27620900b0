namespace Cluster.Grains.Admin;

/// <summary>Timings and sizes of the admin grains (conversation sessions, audit log), bound from <c>Cluster:Admin</c>.
/// Validated at start by <see cref="Validate"/>, whose messages name the setting.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Cluster:Admin";

    /// <summary>How long a multi-step conversation (/add_worker ...) may stay unfinished before it is dropped. Default 15 minutes.</summary>
    public TimeSpan ConversationTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many audit entries are kept; older ones are dropped first. Default 1000.</summary>
    public int AuditLogCapacity { get; set; } = 1000;

    /// <summary>Throws with a message naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ConversationTimeout <= TimeSpan.Zero) throw new ArgumentException($"{SectionName}:ConversationTimeout must be positive (is {ConversationTimeout}).");
        if (AuditLogCapacity < 1) throw new ArgumentException($"{SectionName}:AuditLogCapacity must be at least 1 (is {AuditLogCapacity}).");
    }
}
