namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>An error in Telegram's MTProto terms: code (400, 401, 403, 406, 420, ...) and message ("FLOOD_WAIT_5").</summary>
public sealed record ErrorResponse(int Code, string Message, int? RetryAfter);
