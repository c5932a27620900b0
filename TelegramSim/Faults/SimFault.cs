namespace Cluster.TelegramSim.Faults;

/// <summary>An installed fault rule with its id and how many requests it has hit so far.</summary>
public sealed record SimFault(long Id, SimFaultRule Rule, int Hits, int? Remaining);
