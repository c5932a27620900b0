namespace Cluster.Telegram.Bots.Types;

/// <summary>A command shown in the bot's menu (core.telegram.org/bots/api#botcommand).</summary>
/// <remarks><see cref="Command"/> is 1-32 lowercase letters, digits and underscores, without the slash.</remarks>
public sealed record BotCommand
{
    public string Command { get; init; } = "";
    public string Description { get; init; } = "";

    public BotCommand() { }

    public BotCommand(string command, string description) => (Command, Description) = (command, description);
}
