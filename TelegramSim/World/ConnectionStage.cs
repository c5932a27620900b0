namespace Cluster.TelegramSim.World;

/// <summary>Where a connection is in Telegram's log-in flow.</summary>
public enum ConnectionStage
{
    WaitPhoneNumber,
    WaitCode,
    WaitPassword,
    Ready,
    Closed,
}
