namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>A user reached the bot in a private chat: /start (<see cref="Started"/>) or any other message. Either way they can be
/// written to now, so a mark of blocked is lifted. <see cref="MessageId"/> is that message's id (0 for a change of membership):
/// private chats number the bot's messages from one counter, so it bounds from below the id of any later message of the bot.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.SubscriberEvent")]
public sealed record SubscriberEvent([Id(0)] long UserId, [Id(1)] bool Started, [Id(2)] DateTimeOffset At, [Id(3)] long MessageId = 0);
