using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A pair of the test fleet: its id, its account, and the source and destination channels it copies between.</summary>
internal sealed record FleetPair(string PairId, string AccountId, SimChatInfo Source, SimChatInfo Destination);
