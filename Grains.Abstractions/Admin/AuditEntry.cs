namespace Cluster.Grains.Abstractions.Admin;

/// <summary>One audited admin command: who ran it, what with, when, and how it ended. Secrets in the arguments are
/// replaced with <see cref="Masked"/> before the entry is written.</summary>
public sealed record AuditEntry
{
    /// <summary>What stands in for a secret argument (api_hash, login code, password).</summary>
    public const string Masked = "***";

    /// <summary>Position in the log, given by the audit grain (1, 2, ...); ignored on append.</summary>
    public long Sequence { get; init; }

    /// <summary>The admin's Telegram user id (0 for the command-line front end run by an operator).</summary>
    public required long AdminUserId { get; init; }

    /// <summary>The command without slash ("stop_worker").</summary>
    public required string Command { get; init; }

    /// <summary>The arguments as typed, secrets masked ("acc-1", "acc-2 pair-1,pair-2").</summary>
    public string Arguments { get; init; } = "";

    /// <summary>When the command ran; default means "now" when appended.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Whether the command succeeded.</summary>
    public required bool Ok { get; init; }

    /// <summary>The reply or error message, short; null when there is nothing to say.</summary>
    public string? Message { get; init; }
}
