using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.AdminBot.Handlers;

/// <summary>How campaign replies show progress, and their buttons.</summary>
internal static class CampaignReplies
{
    public static string Counts(CampaignCounts c)
        => $"sent {c.Sent}, failed {c.Failed}, skipped {c.Skipped}, pending {c.Pending}{(c.Sending > 0 ? $" (+{c.Sending} in doubt)" : "")} of {c.Total}";

    public static AdminReply NoSuchCampaign(string id) => AdminReply.Fail($"There is no campaign '{id}'. /campaigns lists them.");

    public static string Progress(CampaignStatus s)
    {
        var text = new StringBuilder();
        text.Append("Campaign ").Append(s.CampaignId).Append(" (").Append(s.Name).Append("): ").Append(s.State.ToString().ToLowerInvariant());
        if (s.Reason is not null) text.Append(" - ").Append(s.Reason);
        text.AppendLine();
        text.AppendLine(Counts(s.Counts));
        text.AppendLine(s.Media is { } post
            ? $"copies {post} ({s.MediaKind.ToString().ToLowerInvariant()}), {(s.Variants == 0 ? "with its own caption" : s.Variants == 1 ? "1 caption" : $"{s.Variants} caption variants")}"
            : s.Variants > 1 ? $"text, {s.Variants} variants" : "text");
        text.Append("rate ").Append(Show.Number(s.SendsPerMinute)).Append("/min · ETA ").Append(Show.Time(s.EstimatedCompletion));
        if (s.WakeAt is { } wake) text.Append(" · next look ").Append(Show.Time(wake));
        text.AppendLine();
        text.Append("created ").Append(Show.Time(s.CreatedAt)).Append(" · started ").Append(Show.Time(s.StartedAt)).Append(" · finished ").Append(Show.Time(s.FinishedAt)).AppendLine();
        if (s.InDoubtFound + s.InDoubtNotFound > 0) text.Append($"sends in doubt after crashes: {s.InDoubtFound} found sent, {s.InDoubtNotFound} not found and sent").AppendLine();
        if (s.ResentAfterDoubt > 0) text.Append("sent again after a crash without a check (possible repeats): ").Append(s.ResentAfterDoubt).AppendLine();
        text.AppendLine().AppendLine("Accounts:");
        foreach (var a in s.Accounts)
        {
            text.Append("  ").Append(a.AccountId).Append(a.IsPremium ? " (premium)" : "").Append(": ").Append(a.State.ToString().ToLowerInvariant())
                .Append(" · sent ").Append(a.Sent).Append(" · failed ").Append(a.Failed).Append(" · flood waits ").Append(a.FloodWaits);
            if (a.Reason is not null) text.Append(" · ").Append(a.Reason);
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    public static IReadOnlyList<ReplyButton> Buttons(CampaignStatus s) => s.State switch
    {
        CampaignState.Draft => [new ReplyButton("Start", $"/campaign_start {s.CampaignId}"), new ReplyButton("Cancel", $"/campaign_cancel {s.CampaignId}")],
        CampaignState.Running or CampaignState.Waiting => [new ReplyButton("Pause", $"/campaign_pause {s.CampaignId}"), new ReplyButton("Cancel", $"/campaign_cancel {s.CampaignId}"), new ReplyButton("Refresh", $"/campaign {s.CampaignId}")],
        CampaignState.Paused => [new ReplyButton("Resume", $"/campaign_resume {s.CampaignId}"), new ReplyButton("Cancel", $"/campaign_cancel {s.CampaignId}")],
        _ => [],
    };
}
