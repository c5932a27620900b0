namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of setMyCommands (core.telegram.org/bots/api#setmycommands).</summary>
/// <remarks>At most 100 commands per scope and language.</remarks>
public sealed record SetMyCommandsRequest
{
    public IReadOnlyList<BotCommand> Commands { get; init; } = [];
    public BotCommandScope? Scope { get; init; }
    public string? LanguageCode { get; init; }
}
