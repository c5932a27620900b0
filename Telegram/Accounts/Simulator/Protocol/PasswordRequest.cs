namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/password</summary>
public sealed record PasswordRequest(string Password);
