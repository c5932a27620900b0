using Cluster.Hosting.Storage.Postgres;
using Cluster.TestSupport.Postgres;
using Npgsql;

namespace Cluster.Hosting.Tests.Postgres;

/// <summary>An empty database on the shared throwaway PostgreSQL server, dropped again on dispose.</summary>
public sealed class FreshDatabase : IAsyncDisposable
{
    private readonly PostgresServer server;

    private FreshDatabase(PostgresServer server, string connectionString)
    {
        this.server = server;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<FreshDatabase> CreateAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        return new FreshDatabase(server, await server.CreateDatabaseAsync("clusterpg"));
    }

    /// <summary>A fresh database with the cluster schema installed.</summary>
    public static async Task<FreshDatabase> CreateWithSchemaAsync()
    {
        var database = await CreateAsync();
        await new PostgresClusterSchema(database.DataSource).ApplyAsync(CancellationToken.None);
        return database;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> ColumnAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await server.DropDatabaseAsync(ConnectionString);
    }
}
