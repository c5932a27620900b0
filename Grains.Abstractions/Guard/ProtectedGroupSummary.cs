namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One line of /groups: a protected group, its linked channels and how many members are muted (missing a channel)
/// and verified (found subscribed to every linked channel at their latest check).</summary>
[GenerateSerializer, Immutable, Alias("Cluster.ProtectedGroupSummary")]
public sealed record ProtectedGroupSummary(
    [Id(0)] long GroupId,
    [Id(1)] string? Title,
    [Id(2)] string? BotKey,
    [Id(3)] bool Enabled,
    [Id(4)] IReadOnlyList<LinkedChannelStatus> Channels,
    [Id(5)] int MutedMembers,
    [Id(6)] int VerifiedMembers,
    [Id(7)] DateTimeOffset UpdatedAt);
