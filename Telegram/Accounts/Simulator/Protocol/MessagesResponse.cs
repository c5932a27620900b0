namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>Messages in order (history, forward, send, edit).</summary>
public sealed record MessagesResponse(IReadOnlyList<MessageWire> Messages);
