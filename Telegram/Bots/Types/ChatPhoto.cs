namespace Cluster.Telegram.Bots.Types;

/// <summary>A chat's photo as file ids (core.telegram.org/bots/api#chatphoto).</summary>
/// <remarks>Part of <see cref="ChatFullInfo"/>.</remarks>
public sealed record ChatPhoto
{
    public string SmallFileId { get; init; } = "";
    public string SmallFileUniqueId { get; init; } = "";
    public string BigFileId { get; init; } = "";
    public string BigFileUniqueId { get; init; } = "";
}
