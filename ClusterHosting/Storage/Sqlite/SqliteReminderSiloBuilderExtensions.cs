using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Cluster.Hosting.Storage.Sqlite;

/// <summary>Reminders on SQLite: Orleans' reminder service over <see cref="SqliteReminderTable"/>, wired as Orleans'
/// own reminder providers are (<c>AddReminders()</c> and the <see cref="IReminderTable"/> singleton). The database must
/// hold the script of <see cref="SqliteClusterSchema"/> before the silo starts.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>Uses the SQLite reminder table; <paramref name="configureOptions"/> sets its options (default connection
    /// string <c>Data Source=cluster.db</c>).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderOptions> configureOptions) =>
        builder.UseSqliteReminderService(options => options.Configure(configureOptions));

    /// <summary>Uses the SQLite reminder table, its options configured through an options builder (to bind configuration).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<OptionsBuilder<SqliteReminderOptions>> configureOptions) =>
        builder.ConfigureServices(services => services.UseSqliteReminderService(configureOptions));

    /// <summary>Registers the SQLite reminder table with the silo's services.</summary>
    public static IServiceCollection UseSqliteReminderService(this IServiceCollection services, Action<OptionsBuilder<SqliteReminderOptions>> configureOptions)
    {
        services.AddReminders();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        services.ConfigureFormatter<SqliteReminderOptions>();
        services.AddSingleton<IConfigurationValidator, SqliteReminderOptionsValidator>();
        configureOptions(services.AddOptions<SqliteReminderOptions>());
        return services;
    }
}
