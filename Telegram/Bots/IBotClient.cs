using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;

namespace Cluster.Telegram.Bots;

/// <summary>The Bot API methods the product uses, typed; failures throw <see cref="Errors.BotApiException"/> subclasses.</summary>
/// <remarks>Sending methods pass Telegram's limits before they leave and retry short 429 waits; see <see cref="BotClient"/>.
/// Short-hand overloads live in <see cref="BotClientExtensions"/>.</remarks>
public interface IBotClient
{
    /// <summary>The bot's numeric id (the part of the token before the colon).</summary>
    long BotId { get; }

    Task<User> GetMeAsync(CancellationToken cancellationToken = default);

    /// <summary>Long-polls for updates; the call lasts up to request.Timeout seconds on top of the request timeout.</summary>
    Task<IReadOnlyList<Update>> GetUpdatesAsync(GetUpdatesRequest request, CancellationToken cancellationToken = default);

    Task SetWebhookAsync(SetWebhookRequest request, CancellationToken cancellationToken = default);

    Task DeleteWebhookAsync(bool dropPendingUpdates = false, CancellationToken cancellationToken = default);

    Task<WebhookInfo> GetWebhookInfoAsync(CancellationToken cancellationToken = default);

    Task<Message> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);

    Task<MessageId> CopyMessageAsync(CopyMessageRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MessageId>> CopyMessagesAsync(CopyMessagesRequest request, CancellationToken cancellationToken = default);

    Task<Message> ForwardMessageAsync(ForwardMessageRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MessageId>> ForwardMessagesAsync(ForwardMessagesRequest request, CancellationToken cancellationToken = default);

    Task<Message> EditMessageTextAsync(EditMessageTextRequest request, CancellationToken cancellationToken = default);

    Task DeleteMessageAsync(ChatId chatId, int messageId, CancellationToken cancellationToken = default);

    Task DeleteMessagesAsync(ChatId chatId, IReadOnlyList<int> messageIds, CancellationToken cancellationToken = default);

    Task AnswerCallbackQueryAsync(AnswerCallbackQueryRequest request, CancellationToken cancellationToken = default);

    Task<ChatFullInfo> GetChatAsync(ChatId chatId, CancellationToken cancellationToken = default);

    Task<ChatMember> GetChatMemberAsync(ChatId chatId, long userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChatMember>> GetChatAdministratorsAsync(ChatId chatId, CancellationToken cancellationToken = default);

    Task RestrictChatMemberAsync(RestrictChatMemberRequest request, CancellationToken cancellationToken = default);

    Task BanChatMemberAsync(BanChatMemberRequest request, CancellationToken cancellationToken = default);

    Task UnbanChatMemberAsync(UnbanChatMemberRequest request, CancellationToken cancellationToken = default);

    Task<ChatInviteLink> CreateChatInviteLinkAsync(CreateChatInviteLinkRequest request, CancellationToken cancellationToken = default);

    Task SetMyCommandsAsync(SetMyCommandsRequest request, CancellationToken cancellationToken = default);

    Task<Message> SendPhotoAsync(SendPhotoRequest request, CancellationToken cancellationToken = default);

    Task<Message> SendVideoAsync(SendVideoRequest request, CancellationToken cancellationToken = default);

    Task<Message> SendDocumentAsync(SendDocumentRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Message>> SendMediaGroupAsync(SendMediaGroupRequest request, CancellationToken cancellationToken = default);
}
