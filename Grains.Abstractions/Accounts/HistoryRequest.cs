namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Messages of a chat with id greater than <see cref="AfterMessageId"/>, oldest first, at most <see cref="Limit"/>:
/// what a pair asks for to catch up after a restart and in past mode.</summary>
public sealed record HistoryRequest(long ChatId, long AfterMessageId, int Limit);
