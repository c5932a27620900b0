using System.Globalization;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Broadcasts;
using Cluster.Grains.Abstractions.Guard;
using Cluster.Telegram.Bots;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Broadcasts;

/// <summary>/broadcast &lt;bot id&gt;: asks for the message, then broadcasts it to every subscriber of the bot who has not blocked it; the
/// broadcast keeps one progress message (sent and edited by the cluster) with Pause/Resume/Cancel buttons. /broadcast_status,
/// /broadcast_pause, /broadcast_resume, /broadcast_cancel &lt;id&gt; and /broadcasts &lt;bot id&gt;. On the command line:
/// <c>broadcast &lt;bot id&gt; --text "..." [--media photo|video|document|animation --file-id ID]</c> (the reply shows the progress once).</summary>
public sealed class BroadcastHandler(FleetDirectory fleet, ConversationRunner runner, AuditRecorder audit, IOptions<BotClientOptions> adminBot)
    : IConversationHandler
{
    private const string MessageStep = "message";

    public string Kind => "broadcast";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
    [
        new("broadcast", "/broadcast <bot id>", "send a message to every subscriber of a bot (asks for the message)", 1, 1),
        new("broadcasts", "/broadcasts <bot id>", "a bot's latest broadcasts", 1, 1),
        new("broadcast_status", "/broadcast_status <id>", "a broadcast's progress", 1, 1),
        new("broadcast_pause", "/broadcast_pause <id>", "pause a broadcast", 1, 1, ChangesState: true),
        new("broadcast_resume", "/broadcast_resume <id>", "resume a paused broadcast", 1, 1, ChangesState: true),
        new("broadcast_cancel", "/broadcast_cancel <id>", "stop a broadcast for good", 1, 1, ChangesState: true),
    ];

    public async Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var argument = command.Arguments[0];
        switch (command.Name)
        {
            case "broadcast":
                return await StartAsync(command, argument, admin, cancellationToken);
            case "broadcasts":
                return await ListAsync(argument);
        }
        var broadcast = fleet.Grains.GetGrain<IBroadcastGrain>(argument);
        try
        {
            var progress = command.Name switch
            {
                "broadcast_pause" => await broadcast.PauseAsync(),
                "broadcast_resume" => await broadcast.ResumeAsync(),
                "broadcast_cancel" => await broadcast.CancelAsync(),
                _ => await broadcast.GetProgressAsync(),
            };
            return Show(progress) with { Toast = command.Name == "broadcast_status" ? null : $"{argument}: {progress.Phase.ToString().ToLowerInvariant()}" };
        }
        catch (KeyNotFoundException)
        {
            return AdminReply.Fail($"There is no broadcast '{argument}'. /broadcasts <bot id> lists a bot's broadcasts.");
        }
        catch (InvalidOperationException e)
        {
            return AdminReply.Fail($"Broadcast {argument}: {e.Message}");
        }
    }

    public async Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken)
        => await runner.ApplyAsync(admin, await StepAsync(conversation, answer, admin, cancellationToken), cancellationToken);

    public Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken) =>
        Task.FromResult("Nothing was sent.");

    /// <summary>The progress as text with its buttons (the same message the cluster keeps up to date).</summary>
    public static AdminReply Show(BroadcastProgress progress) =>
        AdminReply.Ok(BroadcastProgressText.Format(progress)).WithButtons(
            [.. BroadcastProgressText.Buttons(progress).Select(b => new ReplyButton(b.Label, b.Command))]);

    private async Task<AdminReply> StartAsync(AdminCommand command, string botArgument, AdminIdentity admin, CancellationToken cancellationToken)
    {
        if (!long.TryParse(botArgument, NumberStyles.None, CultureInfo.InvariantCulture, out var botId) || botId <= 0)
            return AdminReply.Fail($"'{botArgument}' is not a bot id: give the number before the colon of the bot's token.");
        if (!(await fleet.Grains.GetGrain<IBotGrain>(botArgument).GetStatusAsync()).Configured)
            return AdminReply.Fail($"There is no bot {botId} in the cluster. Nothing was sent.");
        var first = new AdminConversation { Command = Kind, Step = MessageStep, ChatId = admin.UserId }.WithField("bot", botArgument);
        if (admin.Transport == AdminTransport.CommandLine)
        {
            var text = command.Option("text") ?? "";
            BroadcastMediaKind? kind = null;
            if (command.Option("media") is { } media)
            {
                if (!Enum.TryParse<BroadcastMediaKind>(media, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    return AdminReply.Fail($"--media is photo, video, document or animation, not '{media}'. Nothing was sent.");
                kind = parsed;
            }
            var result = await CreateAsync(first, new BroadcastMessage(text, null, kind, command.Option("file-id")), admin, cancellationToken);
            return result.Reply;
        }
        return await runner.StartAsync(admin, first,
            $"Broadcast from bot {botId}: send the message to send to all its subscribers (text), or /cancel.", cancellationToken);
    }

    private async Task<StepResult> StepAsync(AdminConversation c, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        if (c.Step != MessageStep) return StepResult.Ended(AdminReply.Fail($"/broadcast was at an unknown step '{c.Step}'. Start again with /broadcast."));
        if (string.IsNullOrWhiteSpace(answer)) return StepResult.Again(c, "The message is empty. Send the text to broadcast, or /cancel.");
        return await CreateAsync(c, new BroadcastMessage(answer), admin, cancellationToken);
    }

    private async Task<StepResult> CreateAsync(AdminConversation c, BroadcastMessage message, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var botId = long.Parse(c.Field("bot")!, CultureInfo.InvariantCulture);
        var id = BroadcastKeys.NewBroadcastId(botId, DateTimeOffset.UtcNow);
        // On Telegram the cluster sends the progress message itself (as this admin bot) and edits it as it goes.
        var token = adminBot.Value.Token;
        var progressChat = admin.Transport == AdminTransport.Telegram && token.Length > 0 ? new ProgressChat(token, admin.UserId) : null;
        AdminReply reply;
        try
        {
            var progress = await fleet.Grains.GetGrain<IBroadcastGrain>(id).CreateAsync(new BroadcastRequest(botId, message, progressChat));
            reply = progressChat is null
                ? Show(progress) with { Text = $"Broadcast {id} started.\n" + BroadcastProgressText.Format(progress) }
                : AdminReply.Ok($"Broadcast {id} started for {progress.Total - progress.Blocked} subscribers ({progress.Blocked} blocked the bot). Its progress message is kept up to date; /broadcast_status {id} shows it again.");
        }
        catch (ArgumentException e)
        {
            reply = AdminReply.Fail(e.Message);
        }
        await audit.RecordAsync(admin, Kind, $"{botId} -> {id}", reply, cancellationToken);
        return StepResult.Ended(reply);
    }

    private async Task<AdminReply> ListAsync(string botArgument)
    {
        if (!long.TryParse(botArgument, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return AdminReply.Fail($"'{botArgument}' is not a bot id.");
        var (sending, latest) = await fleet.Grains.GetGrain<IBotBroadcastsGrain>(botArgument).ListAsync();
        if (latest.Count == 0) return AdminReply.Ok($"Bot {botArgument} has no broadcasts.");
        var lines = new List<string> { $"Broadcasts of bot {botArgument} (newest first):" };
        foreach (var id in latest.Take(20))
        {
            var p = await fleet.Grains.GetGrain<IBroadcastGrain>(id).GetProgressAsync();
            lines.Add($"{id}: {p.Phase.ToString().ToLowerInvariant()}, sent {p.Sent}/{p.Total}, failed {p.Failed}, blocked {p.Blocked}{(id == sending ? " (sending)" : "")}");
        }
        return AdminReply.Ok(string.Join('\n', lines));
    }
}
