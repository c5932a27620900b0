namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/recent: the newest messages of a chat, newest first, at most <see cref="Limit"/>.</summary>
public sealed record RecentRequest(long ChatId, int Limit);
