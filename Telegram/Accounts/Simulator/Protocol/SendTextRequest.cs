namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/send, optionally as a reply to <see cref="ReplyToMessageId"/> of the same chat.</summary>
public sealed record SendTextRequest(long ChatId, TextWire Text, long? ReplyToMessageId = null);
