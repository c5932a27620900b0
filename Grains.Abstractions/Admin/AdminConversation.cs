namespace Cluster.Grains.Abstractions.Admin;

/// <summary>Where a multi-step admin command stands: the command, the step it waits for, what was collected, and the chat
/// messages to delete when it ends. Stored by <see cref="IAdminSessionGrain"/>.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AdminConversation")]
public sealed record AdminConversation
{
    /// <summary>The command without slash ("add_worker", "add_pair", "assign_channels").</summary>
    [Id(0)]
    public required string Command { get; init; }

    /// <summary>The step the conversation waits for, named by the AdminBot ("api_id", "api_hash", "phone", "code", ...).</summary>
    [Id(1)]
    public required string Step { get; init; }

    /// <summary>The chat the conversation happens in (the admin's private chat with the bot; 0 for the command line).</summary>
    [Id(2)]
    public long ChatId { get; init; }

    /// <summary>Values collected so far that are not secret (account id, api_id, phone number, chosen pair ids).</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Secret values collected so far (the api_hash): encrypted at rest, never logged. Never a login code or password.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Message ids in <see cref="ChatId"/> to delete when the conversation ends (the admin's api_hash, code and
    /// password messages, the bot's prompts).</summary>
    [Id(5)]
    public IReadOnlyList<long> MessageIdsToDelete { get; init; } = [];

    /// <summary>Failed attempts at the current step (a wrong login code), so the AdminBot can stop after a limit.</summary>
    [Id(6)]
    public int Attempts { get; init; }

    /// <summary>When the conversation began; default means "now" when saved.</summary>
    [Id(7)]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it is dropped if not finished; default means now + the configured timeout when saved.</summary>
    [Id(8)]
    public DateTimeOffset ExpiresAt { get; init; }

    public override string ToString()
        => $"AdminConversation {{ Command = {Command}, Step = {Step}, ChatId = {ChatId}, Fields = [{string.Join(", ", Fields.Keys)}], Secrets = [{string.Join(", ", Secrets.Keys)}] (hidden), Attempts = {Attempts}, ExpiresAt = {ExpiresAt:u} }}";
}
