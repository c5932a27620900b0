using Cluster.AdminBot.Commands;
using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>A guided command that can take a file sent to the bot as an answer (e.g. /new_campaign's audience).</summary>
public interface IDocumentConversationHandler : IConversationHandler
{
    /// <summary>Takes a file sent as the admin's next answer; a step that wants typed text says so and asks again.</summary>
    Task<AdminReply> ContinueWithDocumentAsync(AdminConversation conversation, AdminDocument document, AdminIdentity admin, CancellationToken cancellationToken);
}
