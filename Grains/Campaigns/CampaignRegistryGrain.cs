using Cluster.Grains.Abstractions.Campaigns;

namespace Cluster.Grains.Campaigns;

/// <summary>The list of campaigns for /campaigns and the dashboard; campaigns push their summaries on every change of state
/// and now and then while sending. Written at most every <see cref="WriteInterval"/>.</summary>
[GrainType("campaign-registry")]
public sealed class CampaignRegistryGrain(
    [PersistentState("campaign-registry")] IPersistentState<CampaignRegistryState> state) : Grain, ICampaignRegistryGrain
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(5);

    private bool _dirty;
    private IGrainTimer? _flush;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flush = this.RegisterGrainTimer(_ => _dirty ? WriteAsync() : Task.CompletedTask, WriteInterval, WriteInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        return _dirty ? WriteAsync() : Task.CompletedTask;
    }

    public Task UpdateAsync(CampaignSummary summary)
    {
        var known = state.State.Campaigns.TryGetValue(summary.CampaignId, out var old);
        state.State.Campaigns[summary.CampaignId] = summary;
        // A new campaign or a change of state is written at once; progress with the next flush.
        if (!known || old!.State != summary.State) return WriteAsync();
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CampaignSummary>> ListAsync()
        => Task.FromResult<IReadOnlyList<CampaignSummary>>(state.State.Campaigns.Values.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.CampaignId, StringComparer.Ordinal).ToList());

    private async Task WriteAsync()
    {
        _dirty = false;
        await state.WriteStateAsync();
    }
}
