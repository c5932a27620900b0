namespace Cluster.Telegram.Bots.Errors;

/// <summary>The group became a supergroup (400 with migrate_to_chat_id): the chat now has a new id.</summary>
/// <remarks>Callers should store <see cref="MigrateToChatId"/> and repeat the request there.</remarks>
public sealed class ChatMigratedException(string method, string description, long migrateToChatId)
    : BadRequestException(method, description)
{
    /// <summary>The supergroup's id, to use instead of the old group id.</summary>
    public long MigrateToChatId { get; } = migrateToChatId;
}
