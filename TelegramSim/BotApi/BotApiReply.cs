using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Cluster.Telegram.Bots.Types;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.BotApi;

/// <summary>A Bot API answer ready to write: HTTP status and the JSON envelope
/// (<c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":N,"description":"..."}</c>).</summary>
internal sealed record BotApiReply(int Status, byte[] Body, string? Error = null, int? RetryAfter = null)
{
    public static BotApiReply Ok<T>(T result, JsonTypeInfo<ApiResponse<T>> info) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(new ApiResponse<T> { Ok = true, Result = result }, info));

    public static BotApiReply True() => Ok(true, SimBotApiJsonContext.Default.ApiResponseBoolean);

    public static BotApiReply Fail(int code, string description, int? retryAfter = null, long? migrateTo = null)
    {
        var parameters = retryAfter is null && migrateTo is null ? null : new ResponseParameters { RetryAfter = retryAfter, MigrateToChatId = migrateTo };
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ApiResponse<string> { Ok = false, ErrorCode = code, Description = description, Parameters = parameters },
            SimBotApiJsonContext.Default.ApiResponseString);
        return new BotApiReply(code, body, description, retryAfter);
    }

    public static BotApiReply From(SimException e) => Fail(e.Code, e.BotDescription, e.RetryAfterSeconds);

    public static BotApiReply NotFound() => Fail(404, "Not Found");

    public static BotApiReply Unauthorized() => Fail(401, "Unauthorized");
}
