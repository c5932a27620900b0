namespace Cluster.TelegramSim.Faults;

/// <summary>Which API a client uses: the Bot API or the account protocol.</summary>
public enum SimClientKind
{
    Bot,
    Account,
}
