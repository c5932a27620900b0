namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One line of /groups: a protected group, its linked channels and how many members are muted (missing a channel)
/// and verified (found subscribed to every linked channel at their latest check).</summary>
public sealed record ProtectedGroupSummary(
    long GroupId,
    string? Title,
    string? BotKey,
    bool Enabled,
    IReadOnlyList<LinkedChannelStatus> Channels,
    int MutedMembers,
    int VerifiedMembers,
    DateTimeOffset UpdatedAt);
