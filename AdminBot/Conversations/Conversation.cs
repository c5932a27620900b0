namespace Cluster.AdminBot.Conversations;

/// <summary>Where an admin is in a guided command (/add_worker, /add_pair, /assign_channels): the conversation's kind,
/// its current step, the answers so far and the failed attempts at this step. Holds no secret: api_hash, codes and
/// passwords go to the account grain at once and are never kept here.</summary>
public sealed record Conversation(string Kind, string Step, IReadOnlyDictionary<string, string> Values, int Attempts, DateTimeOffset StartedAt)
{
    public static Conversation Start(string kind, string step, DateTimeOffset now) => new(kind, step, new Dictionary<string, string>(), 0, now);

    public string? Value(string key) => Values.TryGetValue(key, out var value) ? value : null;

    public Conversation With(string key, string value) => this with { Values = new Dictionary<string, string>(Values) { [key] = value } };

    public Conversation Without(string key)
    {
        var values = new Dictionary<string, string>(Values);
        values.Remove(key);
        return this with { Values = values };
    }

    public Conversation At(string step) => this with { Step = step, Attempts = 0 };
}
