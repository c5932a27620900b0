using Cluster.Runtime.Client;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Tests.Core.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Core.Infrastructure;

/// <summary>Cluster clients for tests: gateways from the test database's membership table, or a fixed list.</summary>
internal static class TestClients
{
    public static (ClusterClient Client, ServiceProvider Services) Create(TestDatabase database, params string[] gateways)
    {
        var settings = new Dictionary<string, string?> { ["Cluster:Secret"] = TestSilo.Secret };
        for (var i = 0; i < gateways.Length; i++) settings[$"Cluster:Gateways:{i}"] = gateways[i];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (gateways.Length == 0) services.AddClusterStorage(o =>
        {
            o.Provider = database.Options.Provider;
            o.ConnectionString = database.Options.ConnectionString;
        });
        services.AddClusterClient(configuration);
        services.AddGrainJsonContext(CoreTestJsonContext.Default);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<ClusterClient>(), provider);
    }
}
