using Cluster.Grains.Abstractions.Messages;

namespace Cluster.Grains.Abstractions.Campaigns;

/// <summary>A campaign's progress for /campaign, the command line and the dashboard. <see cref="SendsPerMinute"/> is measured
/// over the last minutes of sending; <see cref="EstimatedCompletion"/> extrapolates it (null while nothing was sent recently).
/// Sends in doubt after crashes: <see cref="InDoubtFound"/> were found in their dialogs (recorded as sent),
/// <see cref="InDoubtNotFound"/> were not (sent again), <see cref="ResentAfterDoubt"/> could not be looked up (their account
/// left the pool) and were sent again unchecked.</summary>
[GenerateSerializer, Immutable, Alias("Cluster.CampaignStatus")]
public sealed record CampaignStatus(
    [Id(0)] string CampaignId,
    [Id(1)] string Name,
    [Id(2)] CampaignState State,
    [Id(3)] string? Reason,
    [Id(4)] CampaignCounts Counts,
    [Id(5)] IReadOnlyList<CampaignAccountProgress> Accounts,
    [Id(6)] double SendsPerMinute,
    [Id(7)] DateTimeOffset? EstimatedCompletion,
    [Id(8)] DateTimeOffset CreatedAt,
    [Id(9)] DateTimeOffset? StartedAt,
    [Id(10)] DateTimeOffset? FinishedAt,
    [Id(11)] DateTimeOffset? WakeAt,
    [Id(12)] int Chunks,
    [Id(13)] int ResentAfterDoubt,
    [Id(14)] int InDoubtFound = 0,
    [Id(15)] int InDoubtNotFound = 0,
    [Id(16)] int Variants = 0,
    [Id(17)] PostReference? Media = null,
    [Id(18)] MessageMediaKind MediaKind = MessageMediaKind.None);
