using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Broadcasts;

/// <summary>Source-generated log messages of the broadcast grains; never with a token.</summary>
/// <remarks>Event ids 3400-3499.</remarks>
internal static partial class BroadcastLog
{
    [LoggerMessage(3400, LogLevel.Information, "Broadcast {BroadcastId} of bot {BotId} created: {Recipients} recipients, {Skipped} skipped (blocked), {Chunks} chunks")]
    public static partial void Created(ILogger logger, string broadcastId, long botId, int recipients, int skipped, int chunks);

    [LoggerMessage(3401, LogLevel.Warning, "Broadcast {BroadcastId}: {InDoubt} sends in doubt could not be looked for; resolved as {Resolution}")]
    public static partial void InDoubtResolved(ILogger logger, string broadcastId, int inDoubt, string resolution);

    [LoggerMessage(3402, LogLevel.Warning, "Broadcast {BroadcastId}: a step failed ({Error}); trying again in {DelayMs} ms")]
    public static partial void StepFailed(ILogger logger, string broadcastId, string error, long delayMs);

    [LoggerMessage(3403, LogLevel.Information, "Broadcast {BroadcastId} {Phase}: sent {Sent}, failed {Failed}, blocked {Blocked}, unconfirmed {Unconfirmed}, pending {Pending}")]
    public static partial void PhaseChanged(ILogger logger, string broadcastId, string phase, int sent, int failed, int blocked, int unconfirmed, int pending);

    [LoggerMessage(3404, LogLevel.Warning, "Broadcast {BroadcastId}: the progress message could not be sent or edited: {Error}")]
    public static partial void ProgressFailed(ILogger logger, string broadcastId, string error);

    [LoggerMessage(3405, LogLevel.Warning, "Broadcast {BroadcastId}: marking blocked subscribers failed: {Error}")]
    public static partial void MarkBlockedFailed(ILogger logger, string broadcastId, string error);

    [LoggerMessage(3407, LogLevel.Information, "Broadcast {BroadcastId}: {InDoubt} sends in doubt looked for with {Requests} requests: {Found} found (sent), {Missing} not made (sent again), {Blocked} blocked")]
    public static partial void InDoubtProbed(ILogger logger, string broadcastId, int inDoubt, int requests, int found, int missing, int blocked);

    [LoggerMessage(3406, LogLevel.Information, "Broadcast {BroadcastId}: Telegram asks to wait {DelayMs} ms; the recipients stay pending")]
    public static partial void FloodWait(ILogger logger, string broadcastId, long delayMs);
}
