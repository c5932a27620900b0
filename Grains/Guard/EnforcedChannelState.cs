namespace Cluster.Grains.Guard;

/// <summary>The groups that require a channel, and whether the bot is an admin there.</summary>
/// <remarks>BotIsAdmin starts true: /protect checked it before linking.</remarks>
public sealed class EnforcedChannelState
{
    public List<long> LinkedGroups { get; set; } = [];
    public bool BotIsAdmin { get; set; } = true;
    public long LeavesHandled { get; set; }
}
