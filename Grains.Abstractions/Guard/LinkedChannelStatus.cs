namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One channel linked to a protected group.</summary>
/// <remarks>Paused when the bot is not an admin of the channel: nobody is muted for it then.</remarks>
public sealed record LinkedChannelStatus(long ChannelId, string Title, string? Username, bool Paused);
