namespace Cluster.Grains.Guard;

/// <summary>A channel a protected group requires, as stored in the group's state.</summary>
/// <remarks>Paused while the bot is not an admin there; PauseAnnounced keeps the group from being told more than once.</remarks>
public sealed class LinkedChannel
{
    public long ChannelId { get; set; }
    public string Title { get; set; } = "";
    public string? Username { get; set; }
    public string? InviteLink { get; set; }
    public bool Paused { get; set; }
    public bool PauseAnnounced { get; set; }
}
