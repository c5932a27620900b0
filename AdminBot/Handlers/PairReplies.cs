using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Handlers;

/// <summary>Replies the pair commands share: an unknown id and the pause/resume shortcut row.</summary>
internal static class PairReplies
{
    public static AdminReply NoSuchPair(string id) => AdminReply.Fail($"There is no pair '{id}'. /pairs lists them.");

    public static IReadOnlyList<ReplyButton> ControlButtons(string id, bool paused) =>
        [paused ? new("▶ resume", $"/resume_pair {id}") : new("⏸ pause", $"/pause_pair {id}"), new("details", $"/pair {id}")];
}
