using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.Telegram.Bots.Types;

/// <summary>Reads and writes <see cref="ChatId"/> as Telegram does: an integer, or a string for "@username".</summary>
/// <remarks>A string of digits is read as an id because the Bot API accepts both forms for the same chat.</remarks>
public sealed class ChatIdJsonConverter : JsonConverter<ChatId>
{
    public override ChatId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return new ChatId(reader.GetInt64());
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                ? new ChatId(id)
                : new ChatId(text);
        }
        throw new JsonException($"chat_id must be a number or a string, got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, ChatId value, JsonSerializerOptions options)
    {
        if (value.Username is { } username)
            writer.WriteStringValue(username);
        else
            writer.WriteNumberValue(value.Identifier);
    }
}
