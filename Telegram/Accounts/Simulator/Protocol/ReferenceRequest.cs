namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/resolve and /account/v1/join: "@username", an id, or an invite link.</summary>
public sealed record ReferenceRequest(string Reference);
