using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Grain storage on SQLite through Orleans' own ADO.NET grain storage. The database must hold the script of
/// <see cref="SqliteClusterSchema"/> before the silo starts (the provider reads its queries from it at start-up).</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds the grain storage <paramref name="name"/> on SQLite. Preset before <paramref name="configureOptions"/>
    /// runs: <see cref="AdoNetGrainStorageOptions.Invariant"/> = <see cref="SqliteInvariant.Name"/> and
    /// <see cref="AdoNetGrainStorageOptions.ConnectionString"/> = <see cref="ClusterStorageOptions.DefaultSqliteConnectionString"/>;
    /// set <see cref="AdoNetGrainStorageOptions.GrainStorageSerializer"/> to a
    /// <see cref="Serialization.JsonGrainStateSerializer"/> for readable JSON state (else Orleans' binary default).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<AdoNetGrainStorageOptions>? configureOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = SqliteInvariant.Name;
            options.ConnectionString = ClusterStorageOptions.DefaultSqliteConnectionString;
            configureOptions?.Invoke(options);
        });
    }

    /// <summary>As <see cref="AddSqliteGrainStorage"/>, as the default grain storage (grains whose
    /// <c>[PersistentState]</c> names no storage).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<AdoNetGrainStorageOptions>? configureOptions = null) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
