namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/edit</summary>
public sealed record EditTextRequest(long ChatId, long MessageId, TextWire Text);
