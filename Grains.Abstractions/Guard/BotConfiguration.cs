namespace Cluster.Grains.Abstractions.Guard;

/// <summary>What an operator sets on a bot grain: the token and whether it runs.</summary>
/// <remarks>The token is a secret: it is stored in grain state and never logged or returned in a status. ResetOffset forgets the
/// saved update offset (as a new token does): for a Bot API server that was reset, such as a recreated simulator.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.BotConfiguration")]
public sealed record BotConfiguration([Id(0)] string Token, [Id(1)] bool Enabled = true, [Id(2)] bool ResetOffset = false);
