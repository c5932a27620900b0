namespace Cluster.Silo.Demo;

/// <summary>One demo channel pair to create: source channel, destination channel (as references the account resolves),
/// the account that forwards, and the source's last message id in the simulator now (to tell a recreated world).</summary>
public sealed record DemoPairPlan(string PairId, string Name, string SourceChat, string DestinationChat, string AccountId, long SourceLastMessageId);
