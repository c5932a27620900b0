using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>Fresh, migrated cluster databases for tests, by provider name ("sqlite": a temp file; "postgres": a new
/// database on the process-wide <see cref="PostgresServer"/>). <see cref="Providers"/> feeds xunit theories.</summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>Both providers, as <c>[MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]</c>.
    /// Note that a trait such as <c>Category=Postgres</c> cannot be set per theory row: tests that must be counted in
    /// the Postgres pass derive a Postgres test class instead.</summary>
    public static TheoryData<string> Providers => new() { Sqlite, Postgres };

    /// <summary>A new empty database, with the schema applied unless <paramref name="migrate"/> is false; dispose it to delete it.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        ClusterStorageOptions options;
        Func<Task> cleanup;
        switch (provider)
        {
            case Sqlite:
                var folder = Path.Combine(Path.GetTempPath(), "cluster-tests");
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
                options = new ClusterStorageOptions { Provider = ClusterStorageProvider.Sqlite, ConnectionString = $"Data Source={file}" };
                cleanup = () =>
                {
                    foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                    {
                        File.Delete(path);
                    }
                    return Task.CompletedTask;
                };
                break;
            case Postgres:
                var server = await PostgresServer.GetSharedAsync();
                var connectionString = await server.CreateDatabaseAsync();
                options = new ClusterStorageOptions { Provider = ClusterStorageProvider.Postgres, ConnectionString = connectionString };
                cleanup = () => server.DropDatabaseAsync(connectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, $"Unknown test database provider; use \"{Sqlite}\" or \"{Postgres}\"");
        }
        var database = new TestDatabase(provider, options, cleanup);
        if (migrate)
        {
            await database.Storage.MigrateAsync(CancellationToken.None);
        }
        return database;
    }
}
