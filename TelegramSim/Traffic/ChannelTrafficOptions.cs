namespace Cluster.TelegramSim.Traffic;

/// <summary>A channel posting on its own: <see cref="MessagesPerSecond"/> actions, picked by weight among
/// text posts, photos, albums, edits of recent posts, deletions of recent posts and replies (a text post replying to one of
/// the channel's recent posts, an album's message or a post deleted since among them).</summary>
public sealed record ChannelTrafficOptions(
    long ChannelId,
    double MessagesPerSecond,
    int TextWeight = 6,
    int PhotoWeight = 2,
    int AlbumWeight = 1,
    int EditWeight = 1,
    int DeleteWeight = 0,
    int AlbumSize = 3,
    long? MaxActions = null,
    int? Seed = null,
    int ReplyWeight = 0);
