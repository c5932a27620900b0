namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>What the simulator adapter keeps in the session directory: the session token (a secret, like
/// TDLib's database), the simulator it belongs to, and the last update the client took in (as TDLib keeps its pts), so a
/// client resumed from this file receives what happened while no client ran.</summary>
public sealed record SessionFile(string SessionToken, string BaseUrl, long? UpdatesSeq = null);
