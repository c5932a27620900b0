namespace Cluster.Grains.Abstractions.Guard;

/// <summary>One channel linked to a protected group.</summary>
/// <remarks>Paused when the bot is not an admin of the channel: nobody is muted for it then.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.LinkedChannelStatus")]
public sealed record LinkedChannelStatus([Id(0)] long ChannelId, [Id(1)] string Title, [Id(2)] string? Username, [Id(3)] bool Paused);
