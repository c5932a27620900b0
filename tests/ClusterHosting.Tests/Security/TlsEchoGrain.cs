using Orleans.Placement;

namespace Cluster.Hosting.Tests.Security;

[Alias("Cluster.Tests.ITlsEchoGrain")]
public interface ITlsEchoGrain : IGrainWithStringKey
{
    [Alias("Echo")]
    Task<int> EchoAsync(int value);

    [Alias("Silo")]
    Task<string> SiloAsync();
}

/// <summary>Answers where it lives; placed at random, so that calls through one gateway also cross between silos.</summary>
[RandomPlacement]
public sealed class TlsEchoGrain(ILocalSiloDetails silo) : Grain, ITlsEchoGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToString());
}
