namespace Cluster.Telegram.Bots.Types;

/// <summary>Where a forwarded message came from (core.telegram.org/bots/api#messageorigin), one record for all four kinds.</summary>
/// <remarks><see cref="Type"/> says which fields are set: user (sender_user), hidden_user (sender_user_name), chat (sender_chat), channel (chat, message_id).</remarks>
public sealed record MessageOrigin
{
    public string Type { get; init; } = "";
    public long Date { get; init; }
    public User? SenderUser { get; init; }
    public string? SenderUserName { get; init; }
    public Chat? SenderChat { get; init; }
    public Chat? Chat { get; init; }
    public int? MessageId { get; init; }
    public string? AuthorSignature { get; init; }
}
