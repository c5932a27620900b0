using System.Text.Json;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.BotApi;

/// <summary>A Bot API answer ready to write: HTTP status and the JSON envelope
/// (<c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":N,"description":"...","parameters":{...}}</c>).</summary>
internal sealed record BotApiReply(int Status, byte[] Body, string? Error = null, int? RetryAfter = null)
{
    public static BotApiReply Ok<T>(T result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("result");
            JsonSerializer.Serialize(writer, result, SimJson.Write);
            writer.WriteEndObject();
        }
        return new(200, buffer.ToArray());
    }

    public static BotApiReply True() => Ok(true);

    public static BotApiReply Fail(int code, string description, int? retryAfter = null, long? migrateTo = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", false);
            writer.WriteNumber("error_code", code);
            writer.WriteString("description", description);
            if (retryAfter is not null || migrateTo is not null)
            {
                writer.WriteStartObject("parameters");
                if (migrateTo is { } chat) writer.WriteNumber("migrate_to_chat_id", chat);
                if (retryAfter is { } seconds) writer.WriteNumber("retry_after", seconds);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return new BotApiReply(code, buffer.ToArray(), description, retryAfter);
    }

    public static BotApiReply From(SimException e) => Fail(e.Code, e.BotDescription, e.RetryAfterSeconds, e.MigrateToChatId);

    public static BotApiReply NotFound() => Fail(404, "Not Found");

    public static BotApiReply Unauthorized() => Fail(401, "Unauthorized");
}
