namespace Cluster.Silo.Dashboard.Api;

/// <summary>One Telegram account in the dashboard: state, where it lives, cooldown, sends against limits, flood waits.
/// The phone number is masked; nothing secret is carried.</summary>
public sealed record AccountView(
    string AccountId,
    string? Label,
    string? PhoneMasked,
    string State,
    bool Enabled,
    string? SiloId,
    double? CooldownRemainingSeconds,
    int SentThisHour,
    int HourlyLimit,
    int SentToday,
    int DailyLimit,
    long Sent,
    long Failed,
    long FloodWaits,
    double UptimeSeconds,
    string? LastError);
