namespace Cluster.Telegram.Bots.Types;

/// <summary>An inline keyboard attached to a message (core.telegram.org/bots/api#inlinekeyboardmarkup).</summary>
/// <remarks>Rows of buttons, top to bottom.</remarks>
public sealed record InlineKeyboardMarkup
{
    public IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard { get; init; } = [];

    public InlineKeyboardMarkup() { }

    public InlineKeyboardMarkup(IEnumerable<IEnumerable<InlineKeyboardButton>> rows) =>
        InlineKeyboard = rows.Select(r => (IReadOnlyList<InlineKeyboardButton>)r.ToList()).ToList();
}
