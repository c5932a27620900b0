using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.AdminBot.Handlers;

/// <summary>/campaigns: every campaign with its state and progress, newest first.</summary>
public sealed class CampaignsHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("campaigns", "/campaigns", "list campaigns: state, sent/failed/skipped/pending")];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var list = await fleet.Grains.GetGrain<ICampaignRegistryGrain>(ICampaignRegistryGrain.Key).ListAsync();
        if (list.Count == 0) return AdminReply.Ok("No campaigns yet. Create one with /new_campaign.");
        var text = new StringBuilder($"Campaigns: {list.Count}").AppendLine();
        foreach (var c in list.Take(50))
        {
            text.AppendLine();
            text.Append(c.CampaignId).Append(" (").Append(c.Name).Append(") - ").Append(c.State.ToString().ToLowerInvariant()).AppendLine();
            text.Append("  ").Append(CampaignReplies.Counts(c.Counts)).AppendLine();
        }
        var rows = list.Take(20).Select(c => (IReadOnlyList<ReplyButton>)[new ReplyButton(c.CampaignId, $"/campaign {c.CampaignId}")]).ToArray();
        return AdminReply.Ok(text.ToString().TrimEnd()).WithButtons(rows);
    }
}
