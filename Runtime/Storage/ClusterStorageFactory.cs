using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage;

/// <summary>Builds the <see cref="IClusterStorage"/> the options ask for. The caller owns the result and
/// runs <see cref="IClusterStorage.MigrateAsync"/> before using it.</summary>
public static class ClusterStorageFactory
{
    /// <summary>Validates <paramref name="options"/> (throwing an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// that names the bad setting) and creates the storage.</summary>
    public static IClusterStorage Create(ClusterStorageOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ClusterStorageOptionsValidator.ThrowIfInvalid(options);
        return options.Provider switch
        {
            ClusterStorageProvider.Sqlite => new SqliteClusterStorage(options.EffectiveConnectionString, options.BusyTimeout, loggerFactory),
            ClusterStorageProvider.Postgres => new PostgresClusterStorage(options.EffectiveConnectionString, loggerFactory),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider"),
        };
    }
}
