namespace Cluster.TelegramSim.World;

/// <summary>Which part of a message an edit replaces.</summary>
public enum SimEditKind
{
    Text,
    Caption,
    ReplyMarkup,
}
