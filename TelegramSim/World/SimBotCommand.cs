namespace Cluster.TelegramSim.World;

/// <summary>A command of a bot's menu (setMyCommands).</summary>
public sealed record SimBotCommand(string Command, string Description);
