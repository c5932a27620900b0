namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Messages of a chat with id greater than <see cref="AfterMessageId"/>, oldest first, at most <see cref="Limit"/>:
/// what a pair asks for to catch up after a restart and in past mode.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.HistoryRequest")]
public sealed record HistoryRequest([Id(0)] long ChatId, [Id(1)] long AfterMessageId, [Id(2)] int Limit);
