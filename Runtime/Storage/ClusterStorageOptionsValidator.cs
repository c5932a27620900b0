using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Storage;

/// <summary>Checks <see cref="ClusterStorageOptions"/> at start, with messages that name the setting, so a
/// misconfigured silo fails before it touches a database rather than at its first query.</summary>
public sealed class ClusterStorageOptionsValidator : IValidateOptions<ClusterStorageOptions>
{
    private const string Section = ClusterStorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ClusterStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider must be Sqlite or Postgres (was '{options.Provider}')");
        }
        if (options.Provider == ClusterStorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is required when {Section}:Provider is Postgres");
        }
        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:BusyTimeout must be positive (was {options.BusyTimeout})");
        }
        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && Enum.IsDefined(options.Provider))
        {
            var error = ConnectionStringError(options.Provider, options.ConnectionString);
            if (error is not null)
            {
                failures.Add($"{Section}:ConnectionString is not a valid {options.Provider} connection string: {error}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(ClusterStorageOptions options)
    {
        var result = new ClusterStorageOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ClusterStorageOptions), result.Failures ?? []);
        }
    }

    private static string? ConnectionStringError(ClusterStorageProvider provider, string connectionString)
    {
        try
        {
            // Parsing only: never echo the string itself, it may hold a password.
            _ = provider == ClusterStorageProvider.Sqlite
                ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource
                : new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host;
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
