using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Cluster.Grains.Abstractions.Accounts;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Handlers;

/// <summary>/workers [page]: every account with its state, the silo it runs on, uptime, api_id (never the hash), pairs and
/// restarts, a page at a time with previous/next buttons and a button per worker for its details.</summary>
public sealed class WorkersHandler(FleetDirectory fleet, IOptions<AdminBotOptions> options, TimeProvider clock) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("workers", "/workers [page]", "list workers: state, silo, uptime, api id, pairs, restarts", 0, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var page = 1;
        if (command.Arguments.Count == 1 && (!int.TryParse(command.Arguments[0], out page) || page < 1))
            return AdminReply.Fail($"'{command.Arguments[0]}' is not a page number. Usage: /workers [page]");
        var accounts = await fleet.AccountsAsync();
        if (accounts.Count == 0) return AdminReply.Ok("No workers yet. Add one with /add_worker.");

        var size = options.Value.PageSize;
        var pages = (accounts.Count + size - 1) / size;
        if (page > pages) return AdminReply.Fail($"There are only {pages} page(s) of workers.");
        var silos = await fleet.Cluster.SilosAsync();
        var shown = accounts.Skip((page - 1) * size).Take(size).ToList();
        var locations = await Task.WhenAll(shown.Select(a => fleet.Cluster.SiloOfAccountAsync(a.AccountId, silos)));

        var text = new StringBuilder();
        text.Append("Workers: ").Append(accounts.Count);
        foreach (var group in accounts.GroupBy(a => Describe(a.State, a.Enabled)).OrderBy(g => g.Key, StringComparer.Ordinal))
            text.Append(" · ").Append(group.Key).Append(' ').Append(group.Count());
        if (pages > 1) text.Append($" (page {page}/{pages})");
        text.AppendLine();
        var now = clock.GetUtcNow();
        for (var i = 0; i < shown.Count; i++)
        {
            // The registry's summaries, not the account grains: listing must not activate every account.
            var status = shown[i];
            var summary = status;
            text.AppendLine();
            text.Append(summary.AccountId);
            if (!string.IsNullOrWhiteSpace(summary.Label) && summary.Label != summary.AccountId) text.Append($" ({summary.Label})");
            text.Append(" - ").Append(Describe(status.State, status.Enabled));
            if (status.State == AccountState.Cooldown && status.CooldownUntil is { } until) text.Append(" until ").Append(Show.Time(until));
            if (status.State is AccountState.Error or AccountState.Banned && status.ErrorReason is { } reason) text.Append(": ").Append(reason);
            text.AppendLine();
            text.Append("  silo ").Append(locations[i]?.Name ?? "-")
                .Append(" · uptime ").Append(status.ActiveSince is { } since ? Show.Duration(now - since) : "-")
                .Append(" · api_id ").Append(status.ApiId)
                .Append(" · phone ").Append(status.PhoneMasked ?? "-")
                .Append(" · pairs ").Append(summary.PairCount)
                .Append(" · restarts ").Append(status.Restarts)
                .AppendLine();
        }

        var reply = AdminReply.Ok(text.ToString().TrimEnd());
        var rows = shown.Select(a => (IReadOnlyList<ReplyButton>)[new ReplyButton(a.AccountId, $"/worker_stats {a.AccountId}")]).ToList();
        var paging = new List<ReplyButton>();
        if (page > 1) paging.Add(new ReplyButton("« previous", $"/workers {page - 1}"));
        if (page < pages) paging.Add(new ReplyButton("next »", $"/workers {page + 1}"));
        rows.Add(paging);
        return reply.WithButtons([.. rows]);
    }

    /// <summary>The operator's words for a state: alive, stopped, cooldown, error, ...</summary>
    public static string Describe(AccountState state, bool enabled) => state switch
    {
        AccountState.Active => "alive",
        AccountState.Offline => enabled ? "stopped" : "disabled",
        AccountState.Connecting => "connecting",
        AccountState.WaitingForLogin => "waiting for login",
        AccountState.Cooldown => "cooldown",
        AccountState.Error => "error",
        AccountState.Banned => "banned",
        _ => state.ToString().ToLowerInvariant(),
    };
}
