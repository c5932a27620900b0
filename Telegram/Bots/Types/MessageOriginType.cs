namespace Cluster.Telegram.Bots.Types;

/// <summary>The values of <c>MessageOrigin.type</c>.</summary>
/// <remarks>Strings, so that an origin type added later still parses.</remarks>
public static class MessageOriginType
{
    public const string User = "user";
    public const string HiddenUser = "hidden_user";
    public const string Chat = "chat";
    public const string Channel = "channel";
}
