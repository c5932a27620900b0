using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Campaigns;

/// <summary>The campaign grain's log messages. No message texts, no recipients (user ids, usernames and phone numbers are
/// personal data): campaign and account ids and counts only.</summary>
internal static partial class CampaignGrainLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Campaign {CampaignId} is {State}{Reason}")]
    public static partial void StateChanged(ILogger logger, string campaignId, string state, string reason);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Campaign {CampaignId} created: {Recipients} recipients in {Chunks} chunks, {Accounts} accounts")]
    public static partial void Created(ILogger logger, string campaignId, int recipients, int chunks, int accounts);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: account {AccountId} {What}")]
    public static partial void AccountChanged(ILogger logger, string campaignId, string accountId, string what);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Found} of {InDoubt} sends in doubt found in their dialogs, {Released} to send again")]
    public static partial void InDoubtResolved(ILogger logger, string campaignId, int inDoubt, int found, int released);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: a round failed; next in {BackoffSeconds} s")]
    public static partial void RoundFailed(ILogger logger, string campaignId, double backoffSeconds, Exception exception);
}
