using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Storage;

/// <summary>The storage layer's log messages (source-generated, structured). Connection strings are never
/// logged: they may carry passwords.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applied {Provider} migration {MigrationId}")]
    public static partial void MigrationApplied(ILogger logger, string provider, string migrationId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Provider} schema is up to date ({MigrationCount} migrations)")]
    public static partial void SchemaUpToDate(ILogger logger, string provider, int migrationCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "SQLite database busy during {Operation}, attempt {Attempt}; retrying")]
    public static partial void SqliteBusyRetry(ILogger logger, string operation, int attempt);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Grain directory claim of {GrainId} raced with another writer, attempt {Attempt}; retrying")]
    public static partial void ClaimRaced(ILogger logger, string grainId, int attempt);
}
