namespace Cluster.TelegramSim.World;

/// <summary>What happened, in an account's update stream.</summary>
public enum SimAccountEventKind
{
    NewMessages,
    MessageEdited,
    MessagesDeleted,
}
