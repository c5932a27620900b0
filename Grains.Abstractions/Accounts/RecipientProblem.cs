namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Why a user cannot be written to privately (none when the problem, if any, is not the recipient's).</summary>
[GenerateSerializer, Alias("Cluster.RecipientProblem")]
public enum RecipientProblem { None, NotFound, Privacy, Blocked }
