namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/code</summary>
public sealed record CodeRequest(string Code);
