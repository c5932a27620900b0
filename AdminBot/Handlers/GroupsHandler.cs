using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Guard;

namespace Cluster.AdminBot.Handlers;

/// <summary>/groups: the protected groups with their linked channels and how many members are muted and verified.</summary>
public sealed class GroupsHandler(FleetDirectory fleet) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("groups", "/groups", "protected groups: linked channels, muted and verified members")];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var groups = await fleet.Grains.GetGrain<IGuardRegistryGrain>(IGuardRegistryGrain.Key).ListGroupsAsync();
        if (groups.Count == 0) return AdminReply.Ok("No protected groups. A group admin protects a group with /protect in it.");
        var text = new StringBuilder($"Protected groups: {groups.Count}");
        foreach (var g in groups)
        {
            text.AppendLine().AppendLine();
            text.Append($"{g.Title ?? "(untitled)"} [{g.GroupId}]{(g.Enabled ? "" : " - disabled")} · muted {g.MutedMembers} · verified {g.VerifiedMembers}");
            foreach (var c in g.Channels)
                text.AppendLine().Append($"  requires {c.Title}{(c.Username is { } u ? $" (@{u})" : "")} [{c.ChannelId}]{(c.Paused ? " - paused: the bot is not an admin there" : "")}");
            if (g.Channels.Count == 0) text.AppendLine().Append("  no linked channels");
        }
        return AdminReply.Ok(text.ToString());
    }
}
