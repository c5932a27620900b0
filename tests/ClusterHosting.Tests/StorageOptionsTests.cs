using Cluster.Hosting.Storage;

namespace Cluster.Hosting.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Postgres_without_a_connection_string_names_the_missing_setting()
    {
        var options = new ClusterStorageOptions { Provider = ClusterStorageProvider.Postgres };
        var error = Assert.Throws<InvalidOperationException>(() => options.EffectiveConnectionString);
        Assert.Contains("Cluster:Storage:ConnectionString", error.Message);
    }
}
