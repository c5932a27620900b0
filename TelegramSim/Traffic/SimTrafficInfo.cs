namespace Cluster.TelegramSim.Traffic;

/// <summary>The state of one traffic source: how much it did so far, and its last error if it stopped on one.</summary>
/// <remarks>Pressed counts the guard traffic's "I have joined" presses.</remarks>
public sealed record SimTrafficInfo(long Id, string Kind, long ChatId, long Posted, long Edited, long Deleted, long Joined, long Left, bool Running, string? LastError,
    long Pressed = 0);
