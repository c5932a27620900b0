namespace Cluster.Grains.Abstractions.Guard;

/// <summary>The few facts about a Telegram user the guard needs.</summary>
/// <remarks>Built by the bot grain from the Bot API's User.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.GuardUser")]
public sealed record GuardUser([Id(0)] long Id, [Id(1)] bool IsBot, [Id(2)] string FirstName);
