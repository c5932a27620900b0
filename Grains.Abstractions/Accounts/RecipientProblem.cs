namespace Cluster.Grains.Abstractions.Accounts;

/// <summary>Why a direct message cannot be sent, when it is not the account's fault: the recipient cannot be written to
/// privately (<see cref="NotFound"/>, <see cref="Privacy"/>, <see cref="Blocked"/>), or the post to copy cannot be read
/// (<see cref="PostUnavailable"/>: deleted, or in a chat the account cannot see; no fault of the recipient's either).
/// None when the problem, if any, is neither.</summary>
[GenerateSerializer, Alias("Cluster.RecipientProblem")]
public enum RecipientProblem { None, NotFound, Privacy, Blocked, PostUnavailable }
