namespace Cluster.Telegram.Bots.Types;

/// <summary>Where a command list applies (core.telegram.org/bots/api#botcommandscope), one record for all kinds.</summary>
/// <remarks><see cref="Type"/>: default, all_private_chats, all_group_chats, all_chat_administrators, chat, chat_administrators, chat_member.</remarks>
public sealed record BotCommandScope
{
    public string Type { get; init; } = "default";
    public ChatId? ChatId { get; init; }
    public long? UserId { get; init; }
}
