using Npgsql;

namespace Cluster.Hosting.Storage.Postgres;

/// <summary>The cluster database could not be connected to (server down or unreachable, database missing, login
/// refused). The message names the server and the database, never the password.</summary>
public sealed class ClusterDatabaseUnreachableException : Exception
{
    public ClusterDatabaseUnreachableException(string server, string database, string message, Exception? innerException)
        : base(message, innerException)
    {
        Server = server;
        Database = database;
    }

    /// <summary>The server as <c>host:port</c>.</summary>
    public string Server { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>Describes a failed connection attempt to the database of <paramref name="connectionString"/>: only
    /// its host, port, database and user name are used.</summary>
    internal static ClusterDatabaseUnreachableException For(string connectionString, string purpose, Exception cause)
    {
        var (server, database, user) = Describe(connectionString);
        var hint = cause is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
            ? " The database must exist before the cluster starts; create it (the schema is installed into it)."
            : "";
        return new ClusterDatabaseUnreachableException(
            server,
            database,
            $"Cannot connect to the cluster database \"{database}\" on server {server} as user \"{user}\" to {purpose}: " +
            $"{cause.Message}{hint}",
            cause);
    }

    /// <summary>Host and port, database and user of a connection string; never its password.</summary>
    internal static (string Server, string Database, string User) Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var server = host.Contains(',', StringComparison.Ordinal) ? host : $"{host}:{builder.Port}";
        var user = string.IsNullOrEmpty(builder.Username) ? "(default)" : builder.Username;
        var database = string.IsNullOrEmpty(builder.Database) ? user : builder.Database;
        return (server, database, user);
    }
}
