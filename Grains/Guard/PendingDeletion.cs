namespace Cluster.Grains.Guard;

/// <summary>A warning the group deletes at a set time (the warning auto-delete setting).</summary>
/// <remarks>Stored in state so a restart still deletes it.</remarks>
public sealed record PendingDeletion(int MessageId, DateTimeOffset DeleteAt);
