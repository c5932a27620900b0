namespace Cluster.TelegramSim.World;

/// <summary>The kind of media a simulated message carries.</summary>
public enum SimMediaKind
{
    Photo,
    Video,
    Document,
    Audio,
    Voice,
    Animation,
    Sticker,
    VideoNote,
}
