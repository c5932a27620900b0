using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage.Sqlite;

/// <summary>Opens pooled connections to one SQLite file, configured for several silo processes sharing it
/// (WAL, busy timeout), runs this process's work on it one piece at a time, and retries work that failed
/// because another process held the write lock.</summary>
internal sealed class SqliteDatabase
{
    /// <summary>The database clock in unix milliseconds; every time-based decision uses it, never a silo's clock.</summary>
    public const string NowMs = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string connectionString;
    private readonly string connectionPragmas;
    private readonly TimeSpan busyTimeout;
    private readonly ILogger logger;
    // SQLite lets one writer in at a time and sends the others to its busy handler, which sleeps 1, 2, 5, 10... ms per
    // attempt on a blocked thread: far longer than a statement takes (tens of microseconds). So this process queues its
    // own work here, waiting without a thread; only other processes sharing the file meet the busy timeout.
    private readonly SemaphoreSlim gate = new(1, 1);
    // Physical connections already given the pragmas (the pool hands the same ones out again).
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

    public SqliteDatabase(string connectionString, TimeSpan busyTimeout, ILogger logger)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            // Microsoft.Data.Sqlite also retries busy statements until its command timeout: keep it bounded too.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        this.connectionString = builder.ToString();
        this.busyTimeout = busyTimeout;
        this.logger = logger;
        // synchronous=NORMAL is durable across process crashes in WAL mode (only an OS crash may lose the
        // last commits) and makes each commit far cheaper than FULL.
        connectionPragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
    }

    public string ConnectionString => connectionString;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (connection.Handle is { } handle && configured.TryGetValue(handle, out _)) return connection;
            using var command = connection.CreateCommand();
            command.CommandText = connectionPragmas;
            command.ExecuteNonQuery();
            if (connection.Handle is { } opened) configured.AddOrUpdate(opened, this);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on an open connection, after this process's work queued before it, again
    /// from the start when SQLite answers busy/locked (the work must be one statement or one transaction, so a retry
    /// repeats nothing).</summary>
    public async Task<T> RunAsync<T>(string operation, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunOneAtATimeAsync(operation, work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<T> RunOneAtATimeAsync<T>(string operation, Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + busyTimeout;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var connection = Open();
                return work(connection);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && DateTime.UtcNow < deadline)
            {
                StorageLog.SqliteBusyRetry(logger, operation, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100, 5 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task RunAsync(string operation, Action<SqliteConnection> work, CancellationToken cancellationToken) =>
        RunAsync(operation, connection => { work(connection); return true; }, cancellationToken);

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
