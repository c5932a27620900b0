namespace Cluster.Grains.Abstractions.Guard;

/// <summary>A press on one of the guard's inline buttons in a group.</summary>
/// <remarks>QueryId must be answered (answerCallbackQuery) or the user's client keeps spinning.</remarks>
[GenerateSerializer, Immutable, Alias("Cluster.ButtonPress")]
public sealed record ButtonPress([Id(0)] string QueryId, [Id(1)] long ChatId, [Id(2)] int MessageId, [Id(3)] GuardUser From, [Id(4)] string Data);
