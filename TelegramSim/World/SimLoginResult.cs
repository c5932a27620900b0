namespace Cluster.TelegramSim.World;

/// <summary>Where a connection stands after a log-in step; <see cref="SessionToken"/> is set once Ready.</summary>
public sealed record SimLoginResult(string ConnectionId, ConnectionStage Stage, string? SessionToken, long UpdatesSeq);
