using System.Text.RegularExpressions;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.AdminBot.Handlers;

/// <summary>/add_pair: asks for the pair id, the source chat, the destination chats and the worker (buttons list the
/// workers), then configures the pair, which subscribes through the worker and resolves the destinations. A pair whose
/// configuration fails is removed again. On the command line:
/// <c>add_pair --id p1 --source @src --dest @d1,@d2 --account acc1 [--mode forward|copy]</c>.</summary>
public sealed partial class AddPairHandler(FleetDirectory fleet, ConversationRunner runner, AuditRecorder audit) : IConversationHandler
{
    private const string IdStep = "pair_id", SourceStep = "source", DestinationsStep = "destinations", WorkerStep = "worker";
    private const string WorkerPrefix = "w:";

    private static readonly Dictionary<string, string> CommandLineOptions = new()
    {
        [IdStep] = "id", [SourceStep] = "source", [DestinationsStep] = "dest", [WorkerStep] = "account",
    };

    public string Kind => "add_pair";

    public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [new("add_pair", "/add_pair", "add a channel pair: id, source, destinations, worker")];

    public Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var first = new AdminConversation { Command = Kind, Step = IdStep };
        if (admin.Transport == AdminTransport.CommandLine)
        {
            var mode = command.Option("mode");
            if (mode is not null && !Enum.TryParse<ForwardMode>(mode, ignoreCase: true, out _))
                return Task.FromResult(AdminReply.Fail($"--mode is copy or forward, not '{mode}'."));
            first = first.WithField("mode", mode ?? nameof(ForwardMode.Copy));
            return ConversationRunner.RunAllAsync(first, CommandLineOptions, command,
                (c, answer) => StepAsync(c, answer, admin, cancellationToken), c => AbandonAsync(c, admin, cancellationToken));
        }
        return runner.StartAsync(admin, first, "Adding a channel pair. Send its id (letters, digits, '-' and '_', up to 32), or /cancel at any step.", cancellationToken);
    }

    public async Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken)
        => await runner.ApplyAsync(admin, await StepAsync(conversation, answer, admin, cancellationToken), cancellationToken);

    public Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken) => Task.FromResult("");

    private async Task<StepResult> StepAsync(AdminConversation c, string answer, AdminIdentity admin, CancellationToken cancellationToken)
    {
        switch (c.Step)
        {
            case IdStep:
                if (!IdPattern().IsMatch(answer)) return StepResult.Again(c, $"'{answer}' is not a valid pair id: use letters, digits, '-' and '_' (up to 32). Send another.");
                if (await fleet.FindPairAsync(answer) is not null) return StepResult.Again(c, $"A pair '{answer}' exists already. Send another id.");
                return StepResult.Ask(c.WithField(IdStep, answer).At(SourceStep), "Send the source chat: @username, a numeric chat id or an invite link.");

            case SourceStep:
                if (!IsChatReference(answer)) return StepResult.Again(c, $"'{answer}' is not a chat: send @username, a numeric chat id or a t.me link.");
                return StepResult.Ask(c.WithField(SourceStep, answer).At(DestinationsStep), "Send the destination chats, separated by spaces or commas.");

            case DestinationsStep:
                var destinations = Split(answer);
                var bad = destinations.Where(d => !IsChatReference(d)).ToList();
                if (destinations.Count == 0 || bad.Count > 0)
                    return StepResult.Again(c, $"Not chats: {string.Join(", ", bad.DefaultIfEmpty("(none given)"))}. Send @usernames, chat ids or t.me links.");
                var workers = await fleet.AccountsAsync();
                if (workers.Count == 0) return StepResult.Ended(AdminReply.Fail("There is no worker to run the pair. Add one with /add_worker first."));
                var ask = StepResult.Ask(c.WithField(DestinationsStep, string.Join(',', destinations)).At(WorkerStep), "Which worker reads the source and posts? Press one or send its id.");
                return ask with { Reply = ask.Reply.WithButtons([.. workers.Take(20).Select(w => (IReadOnlyList<ReplyButton>)[new ReplyButton(w.AccountId, WorkerPrefix + w.AccountId)])]) };

            case WorkerStep:
                var worker = answer.StartsWith(WorkerPrefix, StringComparison.Ordinal) ? answer[WorkerPrefix.Length..] : answer;
                if (await fleet.FindAccountAsync(worker) is null) return StepResult.Again(c, $"There is no worker '{worker}'. Send one of /workers.");
                return await ConfigureAsync(c.WithField(WorkerStep, worker), admin, cancellationToken);

            default:
                return StepResult.Ended(AdminReply.Fail($"/add_pair was at an unknown step '{c.Step}'. Start again with /add_pair."));
        }
    }

    private async Task<StepResult> ConfigureAsync(AdminConversation c, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var id = c.Field(IdStep)!;
        var configuration = new PairConfiguration
        {
            SourceChat = c.Field(SourceStep)!,
            Destinations = Split(c.Field(DestinationsStep)!),
            AccountId = c.Field(WorkerStep)!,
            Mode = Enum.TryParse<ForwardMode>(c.Field("mode"), ignoreCase: true, out var mode) ? mode : ForwardMode.Copy,
        };
        var arguments = $"{id} {configuration.SourceChat} -> {string.Join(',', configuration.Destinations)} via {configuration.AccountId}";
        AdminReply reply;
        try
        {
            var status = await fleet.Pair(id).ConfigureAsync(configuration);
            reply = status.State == PairState.Error
                ? AdminReply.Fail($"Pair {id} was not added: {status.LastError}. Start again with /add_pair.")
                : AdminReply.Ok($"Pair {id} added: {status.SourceTitle ?? configuration.SourceChat} -> {string.Join(", ", status.Destinations.Select(d => d.Title ?? d.Reference))} via {configuration.AccountId}, {status.State.ToString().ToLowerInvariant()}.")
                    .WithButtons(PairReplies.ControlButtons(id, status.Paused));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException || ClusterCallFailure.IsUnreachable(e))
        {
            reply = AdminReply.Fail($"Pair {id} was not added: {e.Message}. Start again with /add_pair.");
        }
        if (!reply.Succeeded)
        {
            // Nothing half-configured: a pair that could not subscribe or resolve is removed again.
            try { await fleet.Pair(id).DeleteAsync(); }
            catch (Exception e) when (e is InvalidOperationException || ClusterCallFailure.IsUnreachable(e)) { }
        }
        await audit.RecordAsync(admin, Kind, arguments, reply, cancellationToken);
        return StepResult.Ended(reply);
    }

    private static List<string> Split(string text) => [.. text.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool IsChatReference(string text) => ChatPattern().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20}|(https?://)?t\.me/\S+)$")]
    private static partial Regex ChatPattern();
}
