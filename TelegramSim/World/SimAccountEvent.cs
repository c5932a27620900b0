namespace Cluster.TelegramSim.World;

/// <summary>One entry of an account's update stream, numbered by <see cref="Seq"/> (like MTProto's pts).
/// New messages of one album come in one event.</summary>
public sealed record SimAccountEvent(long Seq, SimAccountEventKind Kind, long ChatId, IReadOnlyList<SimMessage> Messages, IReadOnlyList<long> DeletedMessageIds);
