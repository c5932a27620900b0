namespace Cluster.Silo.Demo;

/// <summary>One demo channel pair to create: source channel, destination channel (as references the account resolves)
/// and the account that forwards.</summary>
public sealed record DemoPairPlan(string PairId, string Name, string SourceChat, string DestinationChat, string AccountId);
