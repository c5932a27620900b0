using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Refuses to start a silo whose SQLite reminder table has no connection string.</summary>
public sealed class SqliteReminderOptionsValidator(IOptions<SqliteReminderOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.Value.ConnectionString))
        {
            throw new OrleansConfigurationException(
                $"{nameof(SqliteReminderOptions)}.{nameof(SqliteReminderOptions.ConnectionString)} is empty: give the cluster database, e.g. \"{ClusterStorageOptions.DefaultSqliteConnectionString}\"");
        }
    }
}
