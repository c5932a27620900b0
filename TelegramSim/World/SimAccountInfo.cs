namespace Cluster.TelegramSim.World;

/// <summary>A snapshot of a user account (a user that can log in over the account protocol).
/// <see cref="LoginCode"/> is the code "sent" by SMS; tests read it here.</summary>
public sealed record SimAccountInfo(long UserId, string PhoneNumber, string LoginCode, bool HasPassword, bool IsBanned, int SessionCount, int LiveConnectionCount);
