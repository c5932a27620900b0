using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot;

namespace Cluster.TelegramSim.BotApi;

/// <summary>The JSON settings of the simulator's Bot API: Telegram.Bot's own for reading what clients send (snake_case, its
/// converters for dates, enums, chat ids and polymorphic types; fields left out read as false, 0 or null), and the same for
/// writing answers except that false and 0 are written: Telegram always sends a type's required fields (<c>is_bot:false</c>,
/// a restricted member's <c>can_send_messages:false</c>), while Telegram.Bot leaves out every default value.</summary>
internal static class SimJson
{
    /// <summary>For reading requests: exactly what Telegram.Bot uses.</summary>
    public static JsonSerializerOptions Read => JsonBotAPI.Options;

    /// <summary>For writing answers and webhook bodies.</summary>
    public static JsonSerializerOptions Write { get; } = CreateWrite();

    private static JsonSerializerOptions CreateWrite()
    {
        var options = new JsonSerializerOptions();
        JsonBotAPI.Configure(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The Bot API name of an enum value of Telegram.Bot (ChatType.Supergroup is "supergroup"): Telegram.Bot's enum
    /// converter writes each value's name in snake_case.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The enum value of Telegram.Bot for a Bot API name, or null when Telegram.Bot does not know it.</summary>
    public static TEnum? Parse<TEnum>(string name) where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (Name(value) == name) return value;
        }
        return null;
    }
}
