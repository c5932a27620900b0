namespace Cluster.Grains.Abstractions.Guard;

/// <summary>What an operator sets on a bot grain: the token and whether it runs.</summary>
/// <remarks>The token is a secret: it is stored in grain state and never logged or returned in a status.</remarks>
public sealed record BotConfiguration(string Token, bool Enabled = true);
