namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/updates: a long poll for updates with seq greater than <see cref="After"/>.</summary>
public sealed record UpdatesRequest(long After, int TimeoutSeconds, int Limit);
