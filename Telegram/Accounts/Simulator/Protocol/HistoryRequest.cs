namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/history: messages with id greater than <see cref="AfterMessageId"/>, oldest first.</summary>
public sealed record HistoryRequest(long ChatId, long AfterMessageId, int Limit);
