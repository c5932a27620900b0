namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>One update: <see cref="Kind"/> is "new" (messages of one album together), "edited" or "deleted".</summary>
public sealed record UpdateWire(long Seq, string Kind, long ChatId, IReadOnlyList<MessageWire> Messages, IReadOnlyList<long> DeletedMessageIds);
