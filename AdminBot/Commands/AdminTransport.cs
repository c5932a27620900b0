namespace Cluster.AdminBot.Commands;

/// <summary>The front end a command came through: replies differ only in how they are shown (buttons or text).</summary>
public enum AdminTransport
{
    Telegram,
    CommandLine,
}
