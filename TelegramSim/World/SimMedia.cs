namespace Cluster.TelegramSim.World;

/// <summary>A media file attached to a message. <see cref="FileId"/> can be sent again by any client.</summary>
public sealed record SimMedia(
    SimMediaKind Kind,
    string FileId,
    string FileUniqueId,
    long FileSize,
    string? FileName = null,
    string? MimeType = null,
    int Width = 0,
    int Height = 0,
    int Duration = 0,
    bool HasSpoiler = false);
