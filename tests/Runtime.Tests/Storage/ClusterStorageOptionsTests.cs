using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>How the storage is configured: defaults, validation messages that name the setting, and wiring.</summary>
public sealed class ClusterStorageOptionsTests
{
    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClusterStorage(configuration.GetSection(ClusterStorageOptions.SectionName));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Defaults_are_sqlite_on_cluster_db()
    {
        var options = new ClusterStorageOptions();

        Assert.Equal(ClusterStorageProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=cluster.db", options.EffectiveConnectionString);
        Assert.IsType<SqliteClusterStorage>(ClusterStorageFactory.Create(options, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_setting()
    {
        var options = new ClusterStorageOptions { Provider = ClusterStorageProvider.Postgres };

        var error = Assert.Throws<OptionsValidationException>(() => ClusterStorageFactory.Create(options, NullLoggerFactory.Instance));

        Assert.Contains("Cluster:Storage:ConnectionString is required when Cluster:Storage:Provider is Postgres", error.Message);
    }

    [Fact]
    public void Malformed_connection_string_is_refused_without_echoing_it()
    {
        var options = new ClusterStorageOptions { Provider = ClusterStorageProvider.Postgres, ConnectionString = "Host=db;Password=hunter2;Bogus Key=1" };

        var error = Assert.Throws<OptionsValidationException>(() => ClusterStorageFactory.Create(options, NullLoggerFactory.Instance));

        Assert.Contains("Cluster:Storage:ConnectionString is not a valid Postgres connection string", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void Configured_postgres_section_gives_a_postgres_storage()
    {
        using var provider = (ServiceProvider)Build(new()
        {
            ["Cluster:Storage:Provider"] = "Postgres",
            ["Cluster:Storage:ConnectionString"] = "Host=db.example;Database=cluster;Username=cluster",
        });

        Assert.IsType<PostgresClusterStorage>(provider.GetRequiredService<IClusterStorage>());
    }

    [Fact]
    public void Invalid_section_fails_when_the_options_are_first_used()
    {
        using var provider = (ServiceProvider)Build(new() { ["Cluster:Storage:Provider"] = "Postgres", ["Cluster:Storage:BusyTimeout"] = "-00:00:01" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClusterStorageOptions>>().Value);

        Assert.Contains("Cluster:Storage:ConnectionString is required when Cluster:Storage:Provider is Postgres", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Cluster:Storage:BusyTimeout must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_sqlite_section_gives_a_working_storage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cluster-options-{Guid.NewGuid():N}.db");
        try
        {
            await using (var provider = (ServiceProvider)Build(new() { ["Cluster:Storage:Provider"] = "Sqlite", ["Cluster:Storage:ConnectionString"] = $"Data Source={file}" }))
            {
                var storage = provider.GetRequiredService<IClusterStorage>();
                await storage.MigrateAsync(CancellationToken.None);
                await storage.AlwaysOn.AddAsync("bot/1", "Bot", CancellationToken.None);

                Assert.IsType<SqliteClusterStorage>(storage);
                Assert.Single(await storage.AlwaysOn.ListAsync(CancellationToken.None));
            }
            Assert.True(File.Exists(file));
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
