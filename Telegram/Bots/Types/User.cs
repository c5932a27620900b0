namespace Cluster.Telegram.Bots.Types;

/// <summary>A Telegram user or bot, as the Bot API describes it (core.telegram.org/bots/api#user).</summary>
/// <remarks>Returned by getMe and embedded in messages, callback queries and chat members.</remarks>
public sealed record User
{
    public long Id { get; init; }
    public bool IsBot { get; init; }
    public string FirstName { get; init; } = "";
    public string? LastName { get; init; }
    public string? Username { get; init; }
    public string? LanguageCode { get; init; }
    public bool? IsPremium { get; init; }
    public bool? AddedToAttachmentMenu { get; init; }
    public bool? CanJoinGroups { get; init; }
    public bool? CanReadAllGroupMessages { get; init; }
    public bool? SupportsInlineQueries { get; init; }
    public bool? CanConnectToBusiness { get; init; }
    public bool? HasMainWebApp { get; init; }
}
