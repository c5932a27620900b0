using System.Net;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Core.Infrastructure;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Core;

/// <summary>What callers see when calls fail: the grain's exception, timeouts, unknown grains and methods,
/// and requests without the cluster secret.</summary>
public sealed class CallFailureTests
{
    [Fact]
    public async Task A_grain_exception_reaches_a_local_caller_with_its_type_and_message()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => silo.GrainFactory.GetGrain<IFaultyGrain>("f").ThrowInvalidOperationAsync("boom"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task A_grain_exception_reaches_a_remote_client_with_its_type_and_message()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var (client, services) = TestClients.Create(database, silo.Address);
        await using var _ = services;
        var grain = client.GetGrain<IFaultyGrain>("f");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowInvalidOperationAsync("remote boom"));
        Assert.Equal("remote boom", error.Message);

        var odd = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowWithoutStringConstructorAsync());
        Assert.Equal(typeof(OddException).FullName, odd.RemoteExceptionType);
        Assert.Equal("odd failure 42", odd.Message);
    }

    [Fact]
    public async Task A_call_slower_than_the_call_timeout_fails_with_GrainCallTimeoutException()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database, new Dictionary<string, string?> { ["Cluster:CallTimeout"] = "00:00:00.300" });
        var grain = silo.GrainFactory.GetGrain<IFaultyGrain>("slow");

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.SlowAsync(3_000));
        Assert.Equal("late", await silo.GrainFactory.GetGrain<IFaultyGrain>("fast").SlowAsync(1));
    }

    [Fact]
    public async Task A_client_call_slower_than_the_client_timeout_fails_with_GrainCallTimeoutException()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var (client, services) = TestClients.Create(database, silo.Address);
        await using var _ = services;
        var options = (Microsoft.Extensions.Options.IOptions<Client.ClusterClientOptions>)services.GetService(typeof(Microsoft.Extensions.Options.IOptions<Client.ClusterClientOptions>))!;
        Assert.Equal(TimeSpan.FromSeconds(30), options.Value.CallTimeout);

        using var fast = new SiloMessenger(new ClusterSecret(TestSilo.Secret), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<GrainCallTimeoutException>(
            () => fast.CallAsync(silo.Address, null, "slow", typeof(IFaultyGrain).FullName, "SlowAsync", "[3000]"u8.ToArray(), null));
    }

    [Fact]
    public async Task A_call_to_an_interface_no_grain_implements_fails_clearly_and_the_silo_keeps_running()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        var (client, services) = TestClients.Create(database, silo.Address);
        await using var _ = services;

        var local = await Assert.ThrowsAsync<GrainCallException>(() => silo.GrainFactory.GetGrain<IUnhostedGrain>("x").HelloAsync());
        var remote = await Assert.ThrowsAsync<GrainCallException>(() => client.GetGrain<IUnhostedGrain>("x").HelloAsync());

        Assert.Contains(typeof(IUnhostedGrain).FullName!, local.Message);
        Assert.Contains(typeof(IUnhostedGrain).FullName!, remote.Message);
        Assert.Equal("pong", await client.GetGrain<IFaultyGrain>("after").PingAsync());
    }

    [Fact]
    public async Task A_call_to_an_unknown_method_or_grain_type_is_a_bad_call()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        using var messenger = new SiloMessenger(new ClusterSecret(TestSilo.Secret), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        var method = await Assert.ThrowsAsync<GrainCallException>(
            () => messenger.CallAsync(silo.Address, null, "k", typeof(IFaultyGrain).FullName, "NoSuchMethod", "[]"u8.ToArray(), null));
        var type = await Assert.ThrowsAsync<GrainCallException>(
            () => messenger.CallAsync(silo.Address, "nosuchtype", "k", null, null, [], null));

        Assert.Contains("NoSuchMethod", method.Message);
        Assert.Contains("nosuchtype", type.Message);
        Assert.Equal("pong", await silo.GrainFactory.GetGrain<IFaultyGrain>("after").PingAsync());
    }

    [Fact]
    public async Task A_request_without_the_cluster_secret_is_refused_with_401_and_runs_nothing()
    {
        await using var database = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
        await using var silo = await TestSilo.StartAsync(database);
        using var http = new HttpClient();

        foreach (var secret in new[] { null, "wrong-secret-wrong-secret" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, silo.Address + ClusterHeaders.CallPath)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent([]),
            };
            request.Headers.Add(ClusterHeaders.Interface, typeof(ICounterGrain).FullName);
            request.Headers.Add(ClusterHeaders.Method, nameof(ICounterGrain.IncrementAsync));
            request.Headers.Add(ClusterHeaders.GrainKey, "secret");
            if (secret is not null) request.Headers.Add(ClusterHeaders.Secret, secret);
            using var response = await http.SendAsync(request);
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, silo.Catalog.Count);
        Assert.Null(await database.Storage.Directory.LookupAsync("counter/secret", CancellationToken.None));
        Assert.Null(await database.Storage.States.ReadAsync("counter/secret", "counter", CancellationToken.None));
    }
}
