using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Cluster.Fakes;

/// <summary>A membership whose view the test sets directly.</summary>
internal sealed class FakeMembership(string localSiloId) : ISiloMembership
{
    public string LocalSiloId { get; } = localSiloId;
    public string LocalAddress => $"http://{LocalSiloId}:1";
    public MembershipView View { get; set; } = MembershipView.Empty;
    public bool IsFenced { get; set; }
    public event Action<MembershipView>? ViewChanged;
    public event Action? Fenced;

    public void SetSilos(params SiloSummary[] silos)
    {
        View = new MembershipView(DateTimeOffset.UtcNow, silos);
        ViewChanged?.Invoke(View);
    }

    public void RaiseFenced() => Fenced?.Invoke();

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static SiloSummary Silo(string id, int activations = 0, SiloStatus status = SiloStatus.Active,
        Dictionary<string, int>? used = null, Dictionary<string, int>? capacity = null, DateTimeOffset? heartbeat = null) =>
        new(id, $"http://{id}:1", id, status, DateTimeOffset.UtcNow, heartbeat ?? DateTimeOffset.UtcNow,
            new SiloLoad(activations, 0, 0, used ?? new Dictionary<string, int>(), capacity ?? new Dictionary<string, int>(), 0));
}
