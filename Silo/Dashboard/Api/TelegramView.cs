namespace Cluster.Silo.Dashboard.Api;

/// <summary>The answer of <c>/dashboard/api/telegram</c>: accounts, channel pairs, protected groups, campaigns and the latest
/// bot broadcasts, with the problems met while asking their grains (a grain that did not answer in time is listed from the
/// registry alone).</summary>
public sealed record TelegramView(IReadOnlyList<AccountView> Accounts, IReadOnlyList<PairView> Pairs, IReadOnlyList<GroupView> Groups,
    IReadOnlyList<string> Problems, DateTimeOffset AsOf, IReadOnlyList<CampaignView> Campaigns)
{
    /// <summary>The latest bot broadcasts, newest first.</summary>
    public IReadOnlyList<BroadcastView> Broadcasts { get; init; } = [];
}
