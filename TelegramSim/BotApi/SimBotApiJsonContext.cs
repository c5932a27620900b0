using System.Text.Json.Serialization;
using Cluster.Telegram.Bots.Types;

namespace Cluster.TelegramSim.BotApi;

/// <summary>Source-generated JSON for what the simulator reads and writes on the Bot API: the shared wire
/// types of <c>Telegram/Bots/Types</c>, with the same options as the client's <see cref="BotApiJsonContext"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Update))]
[JsonSerializable(typeof(InlineKeyboardMarkup))]
[JsonSerializable(typeof(ChatPermissions))]
[JsonSerializable(typeof(ReplyParameters))]
[JsonSerializable(typeof(IReadOnlyList<MessageEntity>))]
[JsonSerializable(typeof(IReadOnlyList<InputMedia>))]
[JsonSerializable(typeof(IReadOnlyList<BotCommand>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(ApiResponse<string>))]
[JsonSerializable(typeof(ApiResponse<bool>))]
[JsonSerializable(typeof(ApiResponse<int>))]
[JsonSerializable(typeof(ApiResponse<User>))]
[JsonSerializable(typeof(ApiResponse<Update[]>))]
[JsonSerializable(typeof(ApiResponse<Message>))]
[JsonSerializable(typeof(ApiResponse<Message[]>))]
[JsonSerializable(typeof(ApiResponse<MessageId>))]
[JsonSerializable(typeof(ApiResponse<MessageId[]>))]
[JsonSerializable(typeof(ApiResponse<ChatFullInfo>))]
[JsonSerializable(typeof(ApiResponse<ChatMember>))]
[JsonSerializable(typeof(ApiResponse<ChatMember[]>))]
[JsonSerializable(typeof(ApiResponse<ChatInviteLink>))]
[JsonSerializable(typeof(ApiResponse<WebhookInfo>))]
[JsonSerializable(typeof(ApiResponse<BotCommand[]>))]
internal sealed partial class SimBotApiJsonContext : JsonSerializerContext;
