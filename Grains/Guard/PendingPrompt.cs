namespace Cluster.Grains.Guard;

/// <summary>A member the bot muted who has not been named in a join prompt yet, with the channels they were missing.</summary>
/// <remarks>Kept in grain state: under a join flood prompts are coalesced (one message names several members) and wait for the
/// group's prompt budget; a restart must not leave anyone muted without ever being told why.</remarks>
public sealed record PendingPrompt(long UserId, string FirstName, IReadOnlyList<long> MissingChannelIds);
