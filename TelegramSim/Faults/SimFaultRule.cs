namespace Cluster.TelegramSim.Faults;

/// <summary>A fault to inject: for requests of <see cref="ClientKind"/> (null: both), of client
/// <see cref="ClientUserId"/> (a bot's or account's user id; null: any), of <see cref="Method"/> (a Bot API
/// method or account operation name, case-insensitive; null: any), for the next <see cref="Count"/>
/// requests (null: unlimited) and/or until <see cref="Until"/> (null: no end).</summary>
public sealed record SimFaultRule(
    SimFaultKind Kind,
    SimClientKind? ClientKind = null,
    long? ClientUserId = null,
    string? Method = null,
    int? Count = null,
    DateTimeOffset? Until = null,
    TimeSpan? Delay = null,
    int? RetryAfterSeconds = null,
    int? StatusCode = null)
{
    /// <summary>Every request of a bot is answered with a flood wait for the next <paramref name="duration"/>.</summary>
    public static SimFaultRule FloodWaitFor(SimClientKind kind, long userId, TimeSpan duration, DateTimeOffset now, string? method = null) =>
        new(SimFaultKind.FloodWait, kind, userId, method, Until: now + duration);
}
