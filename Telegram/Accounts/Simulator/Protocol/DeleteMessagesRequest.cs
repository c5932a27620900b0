namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/delete</summary>
public sealed record DeleteMessagesRequest(long ChatId, IReadOnlyList<long> MessageIds);
