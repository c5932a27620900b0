namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A channel's links and the bot's standing in it.</summary>
/// <remarks>BotIsAdmin false means the groups linking it have paused enforcement for it.</remarks>
public sealed record EnforcedChannelStatus(long ChannelId, IReadOnlyList<long> LinkedGroups, bool BotIsAdmin, long LeavesHandled);
