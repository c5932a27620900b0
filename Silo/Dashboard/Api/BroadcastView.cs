namespace Cluster.Silo.Dashboard.Api;

/// <summary>One bot broadcast in the dashboard: its phase, where it runs, recipients by outcome, rate and time left.</summary>
public sealed record BroadcastView(
    string BroadcastId,
    long BotId,
    string Phase,
    string? SiloId,
    int Total,
    int Sent,
    int Failed,
    int Blocked,
    int Unconfirmed,
    int Pending,
    double MessagesPerSecond,
    double? EtaSeconds,
    DateTimeOffset CreatedAt);
