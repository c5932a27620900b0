namespace Cluster.TelegramSim.Demo;

/// <summary>A source channel and the destination its posts should be forwarded to.</summary>
public sealed record DemoChannelPair(long SourceChannelId, long DestinationChannelId);
