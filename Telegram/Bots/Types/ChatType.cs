namespace Cluster.Telegram.Bots.Types;

/// <summary>The values of <c>Chat.type</c>; kept as strings so a type added by Telegram later still parses.</summary>
/// <remarks>Compare <see cref="Chat.Type"/> against these constants.</remarks>
public static class ChatType
{
    public const string Private = "private";
    public const string Group = "group";
    public const string Supergroup = "supergroup";
    public const string Channel = "channel";
}
