using System.Collections.Concurrent;
using Cluster.Grains.Abstractions.Keeping;
using Cluster.Grains.Abstractions.Placement;
using Cluster.Grains.Abstractions.Sessions;

namespace Cluster.Hosting.Tests.Hosting;

[Alias("Cluster.Tests.IKeptTestGrain")]
public interface IKeptTestGrain : IAlwaysOnGrain
{
    [Alias("Enable")]
    Task EnableAsync();

    [Alias("Disable")]
    Task DisableAsync();

    [Alias("Silo")]
    Task<string> SiloAsync();
}

/// <summary>An always-on test grain: registers itself with the keeper when enabled; counts its activations per process.</summary>
public sealed class KeptTestGrain(IAlwaysOnRegistry registry, ILocalSiloDetails silo) : Grain, IKeptTestGrain
{
    public static readonly ConcurrentDictionary<string, int> Activations = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Activations.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task KeepAliveAsync() => Task.CompletedTask;
    public Task EnableAsync() => registry.AddAsync(this.GetGrainId());
    public Task DisableAsync() => registry.RemoveAsync(this.GetGrainId());
    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());
}

[Alias("Cluster.Tests.ISessionTestGrain")]
public interface ISessionTestGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<string> OpenAsync();
}

/// <summary>Holds a session slot and a session lease while active, like an account; placed by session capacity.</summary>
[SessionCapacityPlacement]
public sealed class SessionTestGrain(ISessionLeases leases, ISessionSlots slots, ILocalSiloDetails silo) : Grain, ISessionTestGrain
{
    private ISessionSlot? _slot;
    private ISessionLease? _lease;

    public async Task<string> OpenAsync()
    {
        _slot ??= slots.Request($"account/{this.GetPrimaryKeyString()}", premium: false, () => { });
        _lease ??= await leases.AcquireAsync($"account/{this.GetPrimaryKeyString()}", CancellationToken.None);
        return silo.SiloAddress.ToString();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _slot?.Dispose();
        if (_lease is not null) await _lease.DisposeAsync();
    }
}
