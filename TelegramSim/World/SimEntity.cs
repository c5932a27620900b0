namespace Cluster.TelegramSim.World;

/// <summary>A text entity (bold, link, mention, ...) by UTF-16 offset and length, as the Bot API's MessageEntity.</summary>
public sealed record SimEntity(string Type, int Offset, int Length, string? Url = null, string? Language = null, long? UserId = null, string? CustomEmojiId = null);
