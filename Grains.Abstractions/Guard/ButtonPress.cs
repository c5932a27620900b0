namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A press on one of the guard's inline buttons in a group.</summary>
/// <remarks>QueryId must be answered (answerCallbackQuery) or the user's client keeps spinning.</remarks>
public sealed record ButtonPress(string QueryId, long ChatId, int MessageId, GuardUser From, string Data);
