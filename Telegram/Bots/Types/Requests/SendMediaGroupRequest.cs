namespace Cluster.Telegram.Bots.Types.Requests;

/// <summary>Parameters of sendMediaGroup (core.telegram.org/bots/api#sendmediagroup): an album of 2-10 items.</summary>
/// <remarks>Answered with one message per item, all sharing a media_group_id.</remarks>
public sealed record SendMediaGroupRequest
{
    public ChatId ChatId { get; init; }
    public int? MessageThreadId { get; init; }
    public IReadOnlyList<InputMedia> Media { get; init; } = [];
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public bool? AllowPaidBroadcast { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
}
