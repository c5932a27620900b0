namespace Cluster.TelegramSim;

/// <summary>How the simulator treats user accounts: log-in codes, connection liveness and AUTH_KEY_DUPLICATED.</summary>
public sealed class SimAccountOptions
{
    /// <summary>The log-in code of accounts created without one. Default "12345".</summary>
    public string DefaultLoginCode { get; set; } = "12345";

    /// <summary>How long a connection counts as live after its last request ended, when it has no
    /// long poll open. A second connection of the same session within this time is AUTH_KEY_DUPLICATED.
    /// A long poll aborted by the client (process died) ends liveness at once. Default 5 s.</summary>
    public TimeSpan ConnectionLivenessWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a connection that polls its updates counts as live after its last poll ended, until the next
    /// poll opens. A client polling its update stream polls again at once, so a longer silence means its process is
    /// gone (killed between two polls), as a closed TCP connection tells Telegram. Default 1 s.</summary>
    public TimeSpan PollGapWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether AUTH_KEY_DUPLICATED also revokes the session (as Telegram does: the session must
    /// log in again). Default true.</summary>
    public bool AuthKeyDuplicatedRevokesSession { get; set; } = true;

    /// <summary>Updates kept per account for clients to fetch. Default 10000.</summary>
    public int UpdateBufferSize { get; set; } = 10_000;

    /// <summary>Longest long poll of the account update stream. Default 30 s.</summary>
    public TimeSpan MaxPollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DefaultLoginCode)) throw new ArgumentException("Accounts.DefaultLoginCode must not be empty.");
        if (ConnectionLivenessWindow < TimeSpan.Zero) throw new ArgumentException("Accounts.ConnectionLivenessWindow must not be negative.");
        if (PollGapWindow < TimeSpan.Zero) throw new ArgumentException("Accounts.PollGapWindow must not be negative.");
        if (UpdateBufferSize < 10) throw new ArgumentException("Accounts.UpdateBufferSize must be at least 10.");
        if (MaxPollTimeout <= TimeSpan.Zero) throw new ArgumentException("Accounts.MaxPollTimeout must be positive.");
    }
}
