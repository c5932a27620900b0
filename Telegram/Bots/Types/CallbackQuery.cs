namespace Cluster.Telegram.Bots.Types;

/// <summary>A press on an inline keyboard button (core.telegram.org/bots/api#callbackquery).</summary>
/// <remarks>Must be answered with answerCallbackQuery, even with no text, or the client shows a spinner.</remarks>
public sealed record CallbackQuery
{
    public string Id { get; init; } = "";
    public User From { get; init; } = new();
    public Message? Message { get; init; }
    public string? InlineMessageId { get; init; }
    public string ChatInstance { get; init; } = "";
    public string? Data { get; init; }
    public string? GameShortName { get; init; }
}
