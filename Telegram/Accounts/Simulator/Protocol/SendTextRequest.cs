namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/send</summary>
public sealed record SendTextRequest(long ChatId, TextWire Text);
