namespace Cluster.Grains.Abstractions.Pairs;

/// <summary>Republish the source chat's history between two message ids, inclusive, oldest first.</summary>
public sealed record PastModeRequest(long FromMessageId, long ToMessageId);
