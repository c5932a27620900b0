namespace Cluster.AdminBot.TelegramFrontEnd;

/// <summary>How the Telegram front end ended, for the process's exit code (a refused token must not exit 0).</summary>
public sealed class AdminBotRun
{
    /// <summary>Why the bot stopped by itself, or null while running or after a normal stop.</summary>
    public string? FailureReason { get; set; }
}
