using System.Globalization;
using System.Text;

namespace Cluster.Grains.Abstractions.Broadcasts;

/// <summary>The progress message of a broadcast (the text and its buttons), the same whether the broadcast grain edits it as it
/// goes or the admin bot edits it after a button was pressed.</summary>
public static class BroadcastProgressText
{
    public static string Format(BroadcastProgress p)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Broadcast {p.BroadcastId} of bot {p.BotId}: {Phase(p.Phase)}");
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"sent {p.Sent}, failed {p.Failed}, blocked {p.Blocked}, pending {p.Pending} of {p.Total}");
        if (p.Unconfirmed > 0) text.Append(CultureInfo.InvariantCulture, $", unconfirmed {p.Unconfirmed} (in doubt after a failure and not found; not sent again)");
        text.AppendLine();
        if (p.Phase == BroadcastPhase.Running)
            text.Append(CultureInfo.InvariantCulture, $"rate {p.MessagesPerSecond:0.0} msg/s, ETA {(p.Eta is { } eta ? Duration(eta) : "-")}");
        else if (p.FinishedAt is { } done)
            text.Append(CultureInfo.InvariantCulture, $"finished {done:yyyy-MM-dd HH:mm:ss} UTC after {Duration(done - p.CreatedAt)}");
        else
            text.Append("paused: press Resume to go on");
        if (p.LastError is { } error) text.AppendLine().Append("last error: ").Append(error);
        return text.ToString();
    }

    /// <summary>The buttons under the message: (label, admin command); none once finished.</summary>
    public static IReadOnlyList<(string Label, string Command)> Buttons(BroadcastProgress p) => p.Phase switch
    {
        BroadcastPhase.Running => [("⏸ Pause", $"/broadcast_pause {p.BroadcastId}"), ("✖ Cancel", $"/broadcast_cancel {p.BroadcastId}")],
        BroadcastPhase.Paused => [("▶ Resume", $"/broadcast_resume {p.BroadcastId}"), ("✖ Cancel", $"/broadcast_cancel {p.BroadcastId}")],
        _ => [],
    };

    private static string Phase(BroadcastPhase phase) => phase switch
    {
        BroadcastPhase.Running => "sending",
        BroadcastPhase.Paused => "paused",
        BroadcastPhase.Cancelled => "cancelled",
        _ => "done",
    };

    private static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Ceiling(t.TotalSeconds))}s");
}
