using Cluster.Grains.Abstractions.Admin;

namespace Cluster.Grains.Admin;

/// <summary>The stored state of an admin session: the conversation with its secrets encrypted (each value of
/// <see cref="AdminConversation.Secrets"/> is the <see cref="Accounts.ApiHashProtector"/> form); null when there is none.</summary>
public sealed record AdminSessionState
{
    public AdminConversation? Conversation { get; init; }
}
