namespace Cluster.AdminBot.Access;

/// <summary>Remembers which non-admin users were already refused, so each gets exactly one polite refusal.</summary>
public interface IRefusalBook
{
    /// <summary>True the first time for a user (send the refusal), false afterwards (stay silent).</summary>
    Task<bool> MarkRefusedAsync(long userId, CancellationToken cancellationToken);
}
