namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>Where a connection stands: <see cref="State"/> is an <see cref="AuthorizationState"/> name; the
/// session token is set once Ready (the client stores it); <see cref="UpdatesSeq"/> is where the update stream stands.</summary>
public sealed record LoginStateResponse(string ConnectionId, string State, string? SessionToken, long UpdatesSeq);
