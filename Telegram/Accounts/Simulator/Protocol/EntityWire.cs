namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>A text entity by UTF-16 offset and length.</summary>
public sealed record EntityWire(int Offset, int Length, string Type, string? Url = null);
