namespace Cluster.TelegramSim.Traffic;

/// <summary>Users joining and leaving a chat at <see cref="EventsPerSecond"/>: each event picks one of
/// <see cref="UserIds"/> and flips its membership.</summary>
public sealed record MembershipChurnOptions(long ChatId, IReadOnlyList<long> UserIds, double EventsPerSecond, long? MaxEvents = null, int? Seed = null);
