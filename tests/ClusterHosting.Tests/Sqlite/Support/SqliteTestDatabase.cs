using Cluster.Hosting.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cluster.Hosting.Tests.Sqlite.Support;

/// <summary>A cluster database file of its own for one test, in a temporary folder removed afterwards.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cluster-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(folder, "cluster.db");

    public string ConnectionString => $"Data Source={Path}";

    public static async Task<SqliteTestDatabase> CreateWithSchemaAsync()
    {
        var database = new SqliteTestDatabase();
        await new SqliteClusterSchema(database.ConnectionString).ApplyAsync(CancellationToken.None);
        return database;
    }

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i)))));
        }
        return rows;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; close the idle ones before removing the folder.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
