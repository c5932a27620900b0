using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Demo;

/// <summary>What the demo world contains, for whoever seeded it (the silo's embedded default, tests).
/// <see cref="ChannelPairs"/> are (source channel, destination channel) pairs the forwarding account
/// (<see cref="ForwarderUserId"/>) can read and post to.</summary>
public sealed record DemoWorldInfo(
    IReadOnlyList<SimAccountInfo> Accounts,
    SimBotInfo Bot,
    IReadOnlyList<SimChatInfo> Channels,
    IReadOnlyList<DemoChannelPair> ChannelPairs,
    long ForwarderUserId,
    SimChatInfo ProtectedGroup,
    SimChatInfo LinkedChannel,
    IReadOnlyList<SimUser> GroupMembers);
