namespace Cluster.Grains.Forwarding;

/// <summary>A send to one destination that was started and not yet confirmed, stored before the account is called.
/// <see cref="Crashes"/> counts how often the pair restarted while it was in flight; <see cref="StartedAt"/> is when it
/// was (first) started, the earliest date a copy it made can carry (null in states written before it was kept).</summary>
public sealed record InFlightSend(IReadOnlyList<long> SourceIds, long DestinationChatId, int Crashes, DateTimeOffset? StartedAt = null);
