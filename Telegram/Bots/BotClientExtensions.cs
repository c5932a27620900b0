using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;

namespace Cluster.Telegram.Bots;

/// <summary>Short-hand overloads over <see cref="IBotClient"/> for the common cases.</summary>
/// <remarks>Each builds the request record and calls the one typed method, so there is one path to the wire.</remarks>
public static class BotClientExtensions
{
    public static Task<Message> SendMessageAsync(this IBotClient client, ChatId chatId, string text, string? parseMode = null,
        InlineKeyboardMarkup? replyMarkup = null, CancellationToken cancellationToken = default) =>
        client.SendMessageAsync(new SendMessageRequest { ChatId = chatId, Text = text, ParseMode = parseMode, ReplyMarkup = replyMarkup }, cancellationToken);

    public static Task<IReadOnlyList<Update>> GetUpdatesAsync(this IBotClient client, long? offset, int timeoutSeconds,
        IReadOnlyList<string>? allowedUpdates = null, int? limit = null, CancellationToken cancellationToken = default) =>
        client.GetUpdatesAsync(new GetUpdatesRequest { Offset = offset, Timeout = timeoutSeconds, AllowedUpdates = allowedUpdates, Limit = limit }, cancellationToken);

    public static Task SetWebhookAsync(this IBotClient client, string url, string? secretToken = null,
        IReadOnlyList<string>? allowedUpdates = null, CancellationToken cancellationToken = default) =>
        client.SetWebhookAsync(new SetWebhookRequest { Url = url, SecretToken = secretToken, AllowedUpdates = allowedUpdates }, cancellationToken);

    public static Task<MessageId> CopyMessageAsync(this IBotClient client, ChatId chatId, ChatId fromChatId, int messageId,
        CancellationToken cancellationToken = default) =>
        client.CopyMessageAsync(new CopyMessageRequest { ChatId = chatId, FromChatId = fromChatId, MessageId = messageId }, cancellationToken);

    public static Task<Message> ForwardMessageAsync(this IBotClient client, ChatId chatId, ChatId fromChatId, int messageId,
        CancellationToken cancellationToken = default) =>
        client.ForwardMessageAsync(new ForwardMessageRequest { ChatId = chatId, FromChatId = fromChatId, MessageId = messageId }, cancellationToken);

    public static Task<Message> EditMessageTextAsync(this IBotClient client, ChatId chatId, int messageId, string text,
        string? parseMode = null, InlineKeyboardMarkup? replyMarkup = null, CancellationToken cancellationToken = default) =>
        client.EditMessageTextAsync(new EditMessageTextRequest
        {
            ChatId = chatId, MessageId = messageId, Text = text, ParseMode = parseMode, ReplyMarkup = replyMarkup,
        }, cancellationToken);

    public static Task AnswerCallbackQueryAsync(this IBotClient client, string callbackQueryId, string? text = null,
        bool showAlert = false, CancellationToken cancellationToken = default) =>
        client.AnswerCallbackQueryAsync(new AnswerCallbackQueryRequest
        {
            CallbackQueryId = callbackQueryId, Text = text, ShowAlert = showAlert ? true : null,
        }, cancellationToken);

    /// <summary>Restricts a member; <paramref name="until"/> null means forever. Independent permissions are on so the flags mean exactly what they say.</summary>
    public static Task RestrictChatMemberAsync(this IBotClient client, ChatId chatId, long userId, ChatPermissions permissions,
        DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        client.RestrictChatMemberAsync(new RestrictChatMemberRequest
        {
            ChatId = chatId, UserId = userId, Permissions = permissions, UseIndependentChatPermissions = true,
            UntilDate = until?.ToUnixTimeSeconds(),
        }, cancellationToken);

    public static Task BanChatMemberAsync(this IBotClient client, ChatId chatId, long userId, DateTimeOffset? until = null,
        bool revokeMessages = false, CancellationToken cancellationToken = default) =>
        client.BanChatMemberAsync(new BanChatMemberRequest
        {
            ChatId = chatId, UserId = userId, UntilDate = until?.ToUnixTimeSeconds(), RevokeMessages = revokeMessages ? true : null,
        }, cancellationToken);

    /// <summary>Lifts a ban; only_if_banned is on by default so a current member is not thrown out.</summary>
    public static Task UnbanChatMemberAsync(this IBotClient client, ChatId chatId, long userId, bool onlyIfBanned = true,
        CancellationToken cancellationToken = default) =>
        client.UnbanChatMemberAsync(new UnbanChatMemberRequest { ChatId = chatId, UserId = userId, OnlyIfBanned = onlyIfBanned }, cancellationToken);

    public static Task<ChatInviteLink> CreateChatInviteLinkAsync(this IBotClient client, ChatId chatId, string? name = null,
        CancellationToken cancellationToken = default) =>
        client.CreateChatInviteLinkAsync(new CreateChatInviteLinkRequest { ChatId = chatId, Name = name }, cancellationToken);

    public static Task SetMyCommandsAsync(this IBotClient client, IReadOnlyList<BotCommand> commands, BotCommandScope? scope = null,
        CancellationToken cancellationToken = default) =>
        client.SetMyCommandsAsync(new SetMyCommandsRequest { Commands = commands, Scope = scope }, cancellationToken);
}
