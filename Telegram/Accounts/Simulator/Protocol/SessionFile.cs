namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>What the simulator adapter keeps in the session directory: the session token (a secret, like
/// TDLib's database) and the simulator it belongs to.</summary>
public sealed record SessionFile(string SessionToken, string BaseUrl);
