namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>The ADO.NET invariant under which Orleans' ADO.NET providers (10.x) know SQLite.</summary>
public static class SqliteInvariant
{
    /// <summary><c>System.Data.SQLite</c>: Orleans keys its SQLite dialect settings by this name and, for it, loads
    /// <c>Microsoft.Data.Sqlite.SqliteFactory.Instance</c> from the Microsoft.Data.Sqlite assembly itself (not through
    /// <c>DbProviderFactories</c>), so nothing needs registering. The name <c>Microsoft.Data.Sqlite</c> is not known to
    /// Orleans and fails with a <see cref="KeyNotFoundException"/>.</summary>
    public const string Name = "System.Data.SQLite";
}
