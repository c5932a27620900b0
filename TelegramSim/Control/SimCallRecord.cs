using Cluster.TelegramSim.Faults;

namespace Cluster.TelegramSim.Control;

/// <summary>One answer the simulator gave a client: which client, which method, the status and the error.</summary>
public sealed record SimCallRecord(DateTimeOffset At, SimClientKind ClientKind, long ClientUserId, string Method, int Status, string? Error, int? RetryAfter);
