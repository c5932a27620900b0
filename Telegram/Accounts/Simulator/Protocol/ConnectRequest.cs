namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>POST /account/v1/connect: opens a connection, resuming the session of <see cref="SessionToken"/> if given.</summary>
public sealed record ConnectRequest(string? SessionToken);
