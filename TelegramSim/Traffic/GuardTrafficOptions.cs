namespace Cluster.TelegramSim.Traffic;

/// <summary>Life in a protected group at <see cref="EventsPerSecond"/>: guests (created as needed, at most <see cref="MaxGuests"/>)
/// join the group, some of them subscribed to <see cref="ChannelId"/> first (<see cref="SubscribedShare"/>); members talk; muted
/// members join the channel and press the bot's "I have joined" button (<see cref="JoinedButtonData"/>); subscribed guests leave
/// the channel. Weights out of 20: 6 joins, 8 messages, 3 presses, 3 channel leaves (an event that has nobody to act on is skipped).</summary>
public sealed record GuardTrafficOptions(
    long GroupId,
    long ChannelId,
    double EventsPerSecond,
    double SubscribedShare = 0.6,
    int MaxGuests = 40,
    string JoinedButtonData = "guard:joined",
    long? MaxEvents = null,
    int? Seed = null);
