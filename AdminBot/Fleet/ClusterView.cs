using Cluster.Grains.Abstractions.Accounts;

namespace Cluster.AdminBot.Fleet;

/// <summary>One silo as the membership table lists it: Orleans' name for it (<c>Orleans:Name</c>, e.g. <c>silo-1</c>),
/// its silo address, status and start time.</summary>
public sealed record SiloView(SiloAddress Address, string Name, string HostName, SiloStatus Status, DateTimeOffset StartedAt, DateTimeOffset LastAlive)
{
    /// <summary>Whether the silo is (still) part of the cluster: joining, active or shutting down; not dead.</summary>
    public bool IsLive => Status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown or SiloStatus.Stopping;

    /// <summary>The silo's endpoint (address:port), as operators and logs name it.</summary>
    public string Endpoint => Address.Endpoint.ToString();

    public static SiloView From(MembershipEntry entry) => new(
        entry.SiloAddress,
        string.IsNullOrWhiteSpace(entry.SiloName) ? entry.SiloAddress.Endpoint.ToString() : entry.SiloName,
        entry.HostName ?? "",
        entry.Status,
        new DateTimeOffset(DateTime.SpecifyKind(entry.StartTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc)));
}

/// <summary>The cluster as Orleans' management grain sees it: silos from the membership table, their runtime statistics,
/// activation counts per grain class, and where an account is activated now (a directory look-up that activates nothing).</summary>
public sealed class ClusterView(IGrainFactory grains)
{
    private IManagementGrain Management => grains.GetGrain<IManagementGrain>(0);

    /// <summary>Every silo of the membership table, dead ones included (they stay listed for a while).</summary>
    public async Task<IReadOnlyList<SiloView>> SilosAsync()
        => [.. (await Management.GetDetailedHosts(onlyActive: false)).Select(SiloView.From)];

    /// <summary>Runtime statistics (activations, CPU, memory, clients) of the given silos, in their order.</summary>
    public Task<SiloRuntimeStatistics[]> StatisticsAsync(IReadOnlyList<SiloView> silos)
        => Management.GetRuntimeStatistics([.. silos.Select(s => s.Address)]);

    /// <summary>Activation counts per grain class on the given silos.</summary>
    public Task<SimpleGrainStatistic[]> GrainCountsAsync(IReadOnlyList<SiloView> silos)
        => Management.GetSimpleGrainStatistics([.. silos.Select(s => s.Address)]);

    /// <summary>The silo an account is activated on now (from the grain directory, without activating it), or null when
    /// it is activated nowhere, or only on a silo that is no longer live.</summary>
    public async Task<SiloView?> SiloOfAccountAsync(string accountId, IReadOnlyList<SiloView> silos)
    {
        var address = await Management.GetActivationAddress(grains.GetGrain<IAccountGrain>(accountId));
        if (address is null) return null;
        var silo = silos.FirstOrDefault(s => s.Address.Equals(address));
        if (silo is null) return new SiloView(address, address.Endpoint.ToString(), "", SiloStatus.Active, default, default);
        return silo.IsLive ? silo : null;
    }

    /// <summary>The operator's name for a grain class as Orleans counts it (<c>Cluster.Grains.Accounts.AccountGrain,
    /// Cluster.Grains</c>, assembly-qualified): <c>account</c>; <c>ChannelPairGrain</c> is <c>channel-pair</c>.</summary>
    public static string GrainTypeName(string grainClass)
    {
        var name = grainClass;
        var generic = name.IndexOfAny(['`', '[', '<', ',']);
        if (generic > 0) name = name[..generic];
        name = name[(name.LastIndexOf('.') + 1)..];
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        var kebab = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1])) kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(name[i]));
        }
        return kebab.ToString();
    }

    /// <summary>Whether a grain class is Orleans' own (the management grain, system grains), not one of ours.</summary>
    public static bool IsOrleansInternal(string grainClass) => grainClass.StartsWith("Orleans.", StringComparison.Ordinal);
}
