namespace Cluster.AdminBot.Commands;

/// <summary>A shortcut offered with a reply: a label and the command it runs when pressed (an inline keyboard button on
/// Telegram, whose callback data is <see cref="Command"/>; the command line lists nothing).</summary>
/// <remarks>Telegram allows 64 bytes of callback data, so commands stay short (ids, not names).</remarks>
public sealed record ReplyButton(string Label, string Command);
