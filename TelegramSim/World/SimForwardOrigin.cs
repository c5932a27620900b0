namespace Cluster.TelegramSim.World;

/// <summary>Where a forwarded message came from (the forward header). For a channel post,
/// <see cref="ChatId"/> and <see cref="MessageId"/> name the original post; for a user's message,
/// <see cref="SenderUserId"/> names the author.</summary>
public sealed record SimForwardOrigin(
    DateTimeOffset Date,
    long? SenderUserId,
    long? ChatId,
    long? MessageId,
    string? AuthorSignature = null,
    bool IsChannel = false);
