using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Handlers;

/// <summary>Replies the worker commands share: an unknown id, and the start/stop/restart shortcut row.</summary>
internal static class WorkerReplies
{
    public static AdminReply NoSuchWorker(string id) => AdminReply.Fail($"There is no worker '{id}'. /workers lists them.");

    public static IReadOnlyList<ReplyButton> ControlButtons(string id) =>
    [
        new("▶ start", $"/start_worker {id}"),
        new("■ stop", $"/stop_worker {id}"),
        new("↻ restart", $"/restart_worker {id}"),
        new("stats", $"/worker_stats {id}"),
    ];
}
