using Cluster.AdminBot.Commands;

namespace Cluster.AdminBot.Conversations;

/// <summary>A command that asks its questions one message at a time on Telegram (its state in the
/// <see cref="IConversationStore"/>), and takes all answers as options on the command line.</summary>
public interface IConversationHandler : IAdminCommandHandler
{
    /// <summary>The <see cref="Conversation.Kind"/> this handler continues.</summary>
    string Kind { get; }

    /// <summary>Takes the admin's next answer (a plain message, or a pressed button's command).</summary>
    Task<AdminReply> ContinueAsync(Conversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken);

    /// <summary>Undoes whatever the conversation set up so far (/cancel, or a new conversation replacing it).</summary>
    Task<string> AbandonAsync(Conversation conversation, AdminIdentity admin, CancellationToken cancellationToken);
}
