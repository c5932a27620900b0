using System.Text;
using Cluster.AdminBot.Audit;
using Cluster.AdminBot.Conversations;
using Cluster.AdminBot.Fleet;
using Cluster.Grains.Abstractions.Admin;
using Microsoft.Extensions.Logging;

namespace Cluster.AdminBot.Commands;

/// <summary>The one way through for both front ends: finds the handler of a command, checks its argument count, runs
/// it, turns cluster failures into clear replies and writes state-changing commands to the audit log. It also answers
/// /help and /cancel, and hands plain messages to the admin's open conversation.</summary>
public sealed partial class CommandDispatcher
{
    private readonly Dictionary<string, (CommandDescriptor Descriptor, IAdminCommandHandler Handler)> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IConversationHandler> _conversations = new(StringComparer.Ordinal);
    private readonly IConversationStore _store;
    private readonly AuditRecorder _audit;
    private readonly ILogger<CommandDispatcher> _logger;

    public static CommandDescriptor Help { get; } = new("help", "/help", "this list");

    public static CommandDescriptor Cancel { get; } = new("cancel", "/cancel", "cancel the guided command in progress");

    public CommandDispatcher(IEnumerable<IAdminCommandHandler> handlers, IConversationStore store, AuditRecorder audit, ILogger<CommandDispatcher> logger)
    {
        _store = store;
        _audit = audit;
        _logger = logger;
        foreach (var handler in handlers)
        {
            foreach (var descriptor in handler.Commands) _commands.Add(descriptor.Name, (descriptor, handler));
            if (handler is IConversationHandler conversation) _conversations.Add(conversation.Kind, conversation);
        }
    }

    /// <summary>Every command in /help order (setMyCommands uses it too).</summary>
    public IReadOnlyList<CommandDescriptor> Descriptors => [.. _commands.Values.Select(c => c.Descriptor), Help, Cancel];

    public async Task<AdminReply> DispatchAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken)
    {
        if (command.Name is "help" or "start") return HelpReply();
        if (command.Name == "cancel") return await CancelAsync(admin, cancellationToken);
        if (!_commands.TryGetValue(command.Name, out var entry))
            return AdminReply.Fail($"Unknown command /{command.Name}. /help lists the commands.");
        var (descriptor, handler) = entry;
        if (!descriptor.AcceptsArgumentCount(command.Arguments.Count))
            return AdminReply.Fail($"/{command.Name} takes {ArgumentCount(descriptor)}, got {command.Arguments.Count}. Usage: {descriptor.Usage}");

        Log.Command(_logger, admin.UserId, admin.Transport, command.Name);
        var reply = await RunAsync(() => handler.HandleAsync(command, admin, cancellationToken), command.Name);
        if (descriptor.ChangesState) await AuditAsync(admin, command.Name, command.ToAuditArguments(), reply, cancellationToken);
        return reply;
    }

    /// <summary>A plain message (not a command): the next answer of the admin's conversation, if one is open.</summary>
    public async Task<AdminReply> ContinueAsync(string text, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var conversation = await _store.GetAsync(admin.UserId, cancellationToken);
        if (conversation is null || !_conversations.TryGetValue(conversation.Command, out var handler))
            return AdminReply.Fail("Nothing is waiting for an answer. /help lists the commands.");
        return await RunAsync(() => handler.ContinueAsync(conversation, text.Trim(), admin, cancellationToken), conversation.Command);
    }

    /// <summary>A file sent to the bot (not a command): the next answer of the admin's conversation, if its command takes files.</summary>
    public async Task<AdminReply> ContinueWithDocumentAsync(AdminDocument document, AdminIdentity admin, CancellationToken cancellationToken)
    {
        var conversation = await _store.GetAsync(admin.UserId, cancellationToken);
        if (conversation is null || !_conversations.TryGetValue(conversation.Command, out var handler))
            return AdminReply.Fail($"Nothing is waiting for a file, so {document.Label} was not read. /help lists the commands.");
        if (handler is not IDocumentConversationHandler takesFiles)
            return AdminReply.Fail($"/{conversation.Command} is waiting for a typed answer, not a file: {document.Label} was not read.");
        return await RunAsync(() => takesFiles.ContinueWithDocumentAsync(conversation, document, admin, cancellationToken), conversation.Command);
    }

    /// <summary>Whether the admin has a conversation open (its answers are plain messages, not commands).</summary>
    public async Task<AdminConversation?> OpenConversationAsync(AdminIdentity admin, CancellationToken cancellationToken)
        => await _store.GetAsync(admin.UserId, cancellationToken);

    private Task AuditAsync(AdminIdentity admin, string command, string arguments, AdminReply reply, CancellationToken cancellationToken)
        => _audit.RecordAsync(admin, command, arguments, reply, cancellationToken);

    private async Task<AdminReply> CancelAsync(AdminIdentity admin, CancellationToken cancellationToken)
    {
        var conversation = await _store.GetAsync(admin.UserId, cancellationToken);
        if (conversation is null) return AdminReply.Ok("Nothing to cancel.");
        var undone = _conversations.TryGetValue(conversation.Command, out var handler)
            ? await RunAsync(async () => AdminReply.Ok(await handler.AbandonAsync(conversation, admin, cancellationToken)), conversation.Command)
            : AdminReply.Ok("");
        await _store.ClearAsync(admin.UserId, cancellationToken);
        var reply = AdminReply.Ok($"/{conversation.Command} cancelled.{(undone.Text.Length > 0 ? " " + undone.Text : "")}");
        await AuditAsync(admin, "cancel", conversation.Command, reply, cancellationToken);
        return reply;
    }

    private AdminReply HelpReply()
    {
        var text = new StringBuilder("Admin commands:");
        foreach (var d in Descriptors) text.AppendLine().Append(d.Usage).Append(" - ").Append(d.Description);
        return AdminReply.Ok(text.ToString());
    }

    private async Task<AdminReply> RunAsync(Func<Task<AdminReply>> run, string what)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (ClusterCallFailure.IsUnreachable(e) || e is HttpRequestException)
        {
            Log.ClusterFailed(_logger, e, what);
            return AdminReply.Fail($"The cluster did not answer /{what}: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // Grains refuse bad input with these (an invalid filter pattern, an unconfigured account): the message says why.
            return AdminReply.Fail($"/{what} was refused: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HandlerFailed(_logger, e, what);
            return AdminReply.Fail($"/{what} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string ArgumentCount(CommandDescriptor d) => (d.MinArguments, d.MaxArguments) switch
    {
        (0, 0) => "no arguments",
        var (min, max) when min == max => $"{min} argument{(min == 1 ? "" : "s")}",
        var (min, max) => $"{min} to {max} arguments",
    };

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Information, "Admin {UserId} ran /{Command} via {Transport}")]
        public static partial void Command(ILogger logger, long userId, AdminTransport transport, string command);

        [LoggerMessage(6002, LogLevel.Warning, "The cluster failed /{Command}")]
        public static partial void ClusterFailed(ILogger logger, Exception exception, string command);

        [LoggerMessage(6003, LogLevel.Error, "/{Command} failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string command);

    }
}
