namespace Cluster.Grains.Forwarding;

/// <summary>A send to one destination that was started and not yet confirmed, stored before the account is called.
/// <see cref="Crashes"/> counts how often the pair restarted while it was in flight.</summary>
public sealed record InFlightSend(IReadOnlyList<long> SourceIds, long DestinationChatId, int Crashes);
