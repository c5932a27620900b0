using Cluster.Grains.Abstractions.Admin;

namespace Cluster.AdminBot.Conversations;

/// <summary>Small immutable updates of an <see cref="AdminConversation"/>, so handlers read like their steps.</summary>
public static class ConversationExtensions
{
    public static string? Field(this AdminConversation conversation, string key) => conversation.Fields.GetValueOrDefault(key);

    public static AdminConversation WithField(this AdminConversation conversation, string key, string value)
        => conversation with { Fields = new Dictionary<string, string>(conversation.Fields) { [key] = value } };

    public static AdminConversation WithSecret(this AdminConversation conversation, string key, string value)
        => conversation with { Secrets = new Dictionary<string, string>(conversation.Secrets) { [key] = value } };

    public static AdminConversation WithoutSecrets(this AdminConversation conversation)
        => conversation with { Secrets = new Dictionary<string, string>() };

    /// <summary>Moves to the next step, with no failed attempts yet.</summary>
    public static AdminConversation At(this AdminConversation conversation, string step) => conversation with { Step = step, Attempts = 0 };
}
