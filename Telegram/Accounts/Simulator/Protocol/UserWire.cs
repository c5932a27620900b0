namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>The logged-in user (POST /account/v1/me).</summary>
public sealed record UserWire(long Id, string? Username, string FirstName, bool IsPremium);
