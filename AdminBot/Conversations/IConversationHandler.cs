using Cluster.AdminBot.Commands;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>A command that asks its questions one message at a time on Telegram (its state in the
/// <see cref="IConversationStore"/>), and takes all answers as options on the command line.</summary>
public interface IConversationHandler : IAdminCommandHandler
{
    /// <summary>The <see cref="AdminConversation.Command"/> this handler continues.</summary>
    string Kind { get; }

    /// <summary>Takes the admin's next answer (a plain message, or a pressed button's data).</summary>
    Task<AdminReply> ContinueAsync(AdminConversation conversation, string answer, AdminIdentity admin, CancellationToken cancellationToken);

    /// <summary>Undoes whatever the conversation set up so far (/cancel); returns what was undone, for the reply.</summary>
    Task<string> AbandonAsync(AdminConversation conversation, AdminIdentity admin, CancellationToken cancellationToken);
}
