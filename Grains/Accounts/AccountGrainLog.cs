using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Accounts;

/// <summary>The account grain's log messages (source-generated, structured). No secrets: no api_hash, codes,
/// passwords or full phone numbers.</summary>
internal static partial class AccountGrainLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Account {AccountId} is {State}")]
    public static partial void StateChanged(ILogger logger, string accountId, string state);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Account {AccountId} flood wait of {RetryAfterSeconds} s; cooling down until {Until}")]
    public static partial void FloodWait(ILogger logger, string accountId, double retryAfterSeconds, DateTimeOffset until);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Account {AccountId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string accountId, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Account {AccountId} could not deliver to pair {PairId}; the pair catches up from history")]
    public static partial void DeliveryFailed(ILogger logger, string accountId, string pairId, Exception exception);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Account {AccountId} could not hand an edit or deletion to pair {PairId} (attempt {Attempt}: {Reason}); trying again")]
    public static partial void DeliveryRetry(ILogger logger, string accountId, string pairId, int attempt, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Account {AccountId} update stream ended: {Reason}")]
    public static partial void PumpEnded(ILogger logger, string accountId, string reason);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Account {AccountId} moves to silo {Silo}, which has a free session slot (its session, if it had one, is closed and stored)")]
    public static partial void Moving(ILogger logger, string accountId, string silo);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Account {AccountId} could not publish its summary to the fleet registry")]
    public static partial void RegistryUnavailable(ILogger logger, string accountId, Exception exception);
}
