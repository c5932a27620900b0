using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.AdminBot.Handlers;

/// <summary>/campaign &lt;id&gt; (progress: counts, rate, ETA, per-account counts, with buttons) and /campaign_start, _pause,
/// _resume, _cancel &lt;id&gt;.</summary>
public sealed class CampaignHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
    [
        new("campaign", "/campaign <id>", "a campaign's progress: sent/failed/skipped/pending, rate, ETA, accounts", 1, 1),
        new("campaign_start", "/campaign_start <id>", "start a draft campaign", 1, 1, ChangesState: true),
        new("campaign_pause", "/campaign_pause <id>", "pause a campaign", 1, 1, ChangesState: true),
        new("campaign_resume", "/campaign_resume <id>", "resume a paused campaign", 1, 1, ChangesState: true),
        new("campaign_cancel", "/campaign_cancel <id>", "cancel a campaign for good", 1, 1, ChangesState: true),
    ];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = command.Arguments[0];
        var known = await fleet.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListAsync();
        if (known.All(c => c.CampaignId != id)) return CampaignReplies.NoSuchCampaign(id);
        var campaign = fleet.Grains.GetGrain<ICampaignGrain>(id);
        try
        {
            var status = command.Name switch
            {
                "campaign_start" => await campaign.StartAsync(),
                "campaign_pause" => await campaign.PauseAsync(),
                "campaign_resume" => await campaign.ResumeAsync(),
                "campaign_cancel" => await campaign.CancelAsync(),
                _ => await campaign.GetStatusAsync(),
            };
            var reply = AdminReply.Ok(CampaignReplies.Progress(status)).WithButtons(CampaignReplies.Buttons(status));
            return command.Name == "campaign" ? reply : reply with { Toast = $"{id}: {status.State.ToString().ToLowerInvariant()}" };
        }
        catch (InvalidOperationException e)
        {
            return AdminReply.Fail(e.Message);
        }
    }
}
