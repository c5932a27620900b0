using Cluster.Grains.Abstractions.Pairs;
using Cluster.TelegramSim.World;

namespace Cluster.EndToEnd.Tests.Infrastructure;

/// <summary>A pair of the test fleet: its id, its account, the source and destination channels it copies between, and
/// whether it copies or forwards (with the header).</summary>
internal sealed record FleetPair(string PairId, string AccountId, SimChatInfo Source, SimChatInfo Destination, ForwardMode Mode = ForwardMode.Copy);
