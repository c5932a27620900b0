namespace Cluster.Grains.Abstractions.Admin;

/// <summary>One audited admin command: who ran it, what with, when, and how it ended. Secrets in the arguments are
/// replaced with <see cref="Masked"/> before the entry is written.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.AuditEntry")]
public sealed record AuditEntry
{
    /// <summary>What stands in for a secret argument (api_hash, login code, password).</summary>
    public const string Masked = "***";

    /// <summary>Position in the log, given by the audit grain (1, 2, ...); ignored on append.</summary>
    [Id(0)]
    public long Sequence { get; init; }

    /// <summary>The admin's Telegram user id (0 for the command-line front end run by an operator).</summary>
    [Id(1)]
    public required long AdminUserId { get; init; }

    /// <summary>The command without slash ("stop_worker").</summary>
    [Id(2)]
    public required string Command { get; init; }

    /// <summary>The arguments as typed, secrets masked ("acc-1", "acc-2 pair-1,pair-2").</summary>
    [Id(3)]
    public string Arguments { get; init; } = "";

    /// <summary>When the command ran; default means "now" when appended.</summary>
    [Id(4)]
    public DateTimeOffset At { get; init; }

    /// <summary>Whether the command succeeded.</summary>
    [Id(5)]
    public required bool Ok { get; init; }

    /// <summary>The reply or error message, short; null when there is nothing to say.</summary>
    [Id(6)]
    public string? Message { get; init; }
}
