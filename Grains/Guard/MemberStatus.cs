using System.Text.Json;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Guard;

/// <summary>Member statuses and chat types cross grain calls (<see cref="Abstractions.Guard.MemberChange"/>) as the Bot API's
/// names ("administrator", "supergroup"), so the grain contracts need no Telegram.Bot; here they become Telegram.Bot's enums again.</summary>
internal static class MemberStatus
{
    /// <summary>The Bot API name of a status or chat type: Telegram.Bot's enum name in snake_case, as its JSON converter writes it.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static ChatMemberStatus Parse(string status) => Enum.Parse<ChatMemberStatus>(status, ignoreCase: true);

    public static ChatType ParseChatType(string type) => Enum.Parse<ChatType>(type, ignoreCase: true);
}
