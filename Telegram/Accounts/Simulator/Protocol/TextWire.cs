namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>Text with entities.</summary>
public sealed record TextWire(string Text, IReadOnlyList<EntityWire> Entities);
