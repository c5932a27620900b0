namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A channel's links and the bot's standing in it.</summary>
/// <remarks>BotIsAdmin false means the groups linking it have paused enforcement for it.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.EnforcedChannelStatus")]
public sealed record EnforcedChannelStatus([Id(0)] long ChannelId, [Id(1)] IReadOnlyList<long> LinkedGroups, [Id(2)] bool BotIsAdmin, [Id(3)] long LeavesHandled);
