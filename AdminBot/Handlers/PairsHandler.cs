using System.Text;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Fleet;
using Cluster.AdminBot.Formatting;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Handlers;

/// <summary>/pairs [page]: every channel pair with its worker, source, state and forwarded count, a page at a time.</summary>
public sealed class PairsHandler(FleetDirectory fleet, IOptions<AdminBotOptions> options) : IAdminCommandHandler
{
    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("pairs", "/pairs [page]", "list channel pairs: worker, source, destinations, state, forwarded", 0, 1)];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var page = 1;
        if (command.Arguments.Count == 1 && (!int.TryParse(command.Arguments[0], out page) || page < 1))
            return AdminReply.Fail($"'{command.Arguments[0]}' is not a page number. Usage: /pairs [page]");
        var pairs = await fleet.PairsAsync();
        if (pairs.Count == 0) return AdminReply.Ok("No channel pairs yet. Add one with /add_pair.");
        var size = options.Value.PageSize;
        var pages = (pairs.Count + size - 1) / size;
        if (page > pages) return AdminReply.Fail($"There are only {pages} page(s) of pairs.");
        var shown = pairs.Skip((page - 1) * size).Take(size).ToList();

        var text = new StringBuilder($"Pairs: {pairs.Count}");
        if (pages > 1) text.Append($" (page {page}/{pages})");
        text.AppendLine();
        foreach (var p in shown)
        {
            text.AppendLine();
            text.Append(p.PairId);
            if (!string.IsNullOrWhiteSpace(p.Name)) text.Append($" ({p.Name})");
            text.Append(" - ").Append(p.State.ToString().ToLowerInvariant()).AppendLine();
            text.Append("  ").Append(p.SourceTitle ?? p.SourceChat ?? "?").Append(" -> ").Append(p.DestinationCount).Append(" destination(s)")
                .Append(" · worker ").Append(p.AccountId ?? "-")
                .Append(" · ").Append(p.Mode.ToString().ToLowerInvariant())
                .Append(" · forwarded ").Append(p.Forwarded)
                .Append(" · last ").Append(Show.Time(p.LastForwardedAt)).AppendLine();
            if (p.LastError is not null) text.Append("  last error: ").Append(p.LastError).AppendLine();
        }
        var rows = shown.Select(p => (IReadOnlyList<ReplyButton>)[new ReplyButton(p.PairId, $"/pair {p.PairId}")]).ToList();
        var paging = new List<ReplyButton>();
        if (page > 1) paging.Add(new ReplyButton("« previous", $"/pairs {page - 1}"));
        if (page < pages) paging.Add(new ReplyButton("next »", $"/pairs {page + 1}"));
        rows.Add(paging);
        return AdminReply.Ok(text.ToString().TrimEnd()).WithButtons([.. rows]);
    }
}
