namespace Cluster.Grains.Abstractions.Guard;

/// <summary>The few facts about a Telegram user the guard needs.</summary>
/// <remarks>Built by the bot grain from the Bot API's User.</remarks>
public sealed record GuardUser(long Id, bool IsBot, string FirstName);
