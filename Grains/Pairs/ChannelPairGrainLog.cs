using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Pairs;

/// <summary>The pair grain's log messages (source-generated, structured).</summary>
internal static partial class ChannelPairGrainLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Pair {PairId} forwarded source message {SourceMessageId} ({MessageCount} messages) to {DestinationCount} chats: arrived {ArrivedAt:o}, received by the pair {ReceivedAt:o}, forwarded {ForwardedAt:o}, forward latency {ForwardMs} ms, in the pair {ProcessingMs} ms")]
    public static partial void Forwarded(ILogger logger, string pairId, long sourceMessageId, int messageCount, int destinationCount, DateTimeOffset arrivedAt, DateTimeOffset receivedAt, DateTimeOffset forwardedAt, double forwardMs, double processingMs);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Pair {PairId} waits for account {AccountId} until {RetryAt}: {Reason}")]
    public static partial void Waiting(ILogger logger, string pairId, string accountId, DateTimeOffset retryAt, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Pair {PairId} gave up {Kind} of source message {SourceMessageId} to chat {ChatId}: {Reason}")]
    public static partial void GaveUp(ILogger logger, string pairId, string kind, long sourceMessageId, long chatId, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Pair {PairId} restarted with source messages {SourceMessageIds} in flight to chat {ChatId}: {Action}")]
    public static partial void Recovered(ILogger logger, string pairId, string sourceMessageIds, long chatId, string action);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "Pair {PairId} cannot resolve its chats: {Reason}")]
    public static partial void ResolveFailed(ILogger logger, string pairId, string reason);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Pair {PairId} is in error, retrying at {RetryAt}: {Reason}")]
    public static partial void InError(ILogger logger, string pairId, DateTimeOffset retryAt, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Pair {PairId} checked its send in doubt of source messages {SourceMessageIds} to chat {ChatId}: {Outcome}")]
    public static partial void InDoubtResolved(ILogger logger, string pairId, string sourceMessageIds, long chatId, string outcome);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Debug, Message = "Pair {PairId} could not reach a grain: {Target}")]
    public static partial void CallFailed(ILogger logger, string pairId, string target, Exception exception);
}
