using System.Net;
using Cluster.Grains;
using Cluster.Grains.Admin;
using Cluster.Grains.Campaigns;
using Cluster.Grains.Guard;
using Cluster.Hosting.Configuration;
using Cluster.Hosting.Hosting;
using Cluster.Hosting.Storage;
using Cluster.Silo.Configuration;
using Cluster.Silo.Dashboard;
using Cluster.Silo.Demo;
using Cluster.Silo.Health;
using Cluster.Silo.Hosting;
using Cluster.Silo.Logging;
using Cluster.Silo.Metrics;
using Cluster.Silo.Security;
using Cluster.TelegramSim;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

// The silo: an Orleans silo hosting the grains, with health probes, /metrics and the dashboard on its HTTP port. With no
// Telegram credentials it runs against an in-process Telegram simulator seeded with the demo world (`dotnet run --project Silo`).
// Exit codes: 0 after a graceful stop, 1 when it failed to start, 2 when the configuration is invalid.
// `dotnet Cluster.Silo.dll schema` runs only the schema step (Cluster:Storage) and exits: 0 done, 1 failed (one line on stderr).

// ---- Configuration: appsettings.json next to the binary, then environment variables (Cluster__SiloPort, ...).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders().AddJsonConsole(JsonLogs);
// Messages written before the host exists or after it is disposed (invalid configuration, exit reasons).
using var outsideHost = LoggerFactory.Create(logging => logging.AddJsonConsole(JsonLogs));
var startupLogger = outsideHost.CreateLogger("Cluster.Silo");
if (args is ["schema", ..])
{
    // The schema step alone (the Kubernetes Job silo-schema, once per rollout): no Telegram, no Orleans, no ports.
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupted.Cancel(); };
    var schemaStep = await ClusterSchemaStep.RunAsync(builder.Configuration, outsideHost, interrupted.Token);
    (schemaStep.Succeeded ? Console.Out : Console.Error).WriteLine(schemaStep.Message);
    return schemaStep.ExitCode;
}
// A value of the wrong type (a duration that does not parse, an unknown enum name) fails wherever its section is bound:
// that too is an invalid configuration (exit 2, the setting named), not a crash.
try
{
    var telegram = TelegramSetup.Read(builder.Configuration, out var telegramErrors);
    if (telegramErrors.Count > 0)
    {
        foreach (var problem in telegramErrors) SiloLog.InvalidConfiguration(startupLogger, problem);
        return 2;
    }
    // Simulated Telegram needs no secrets from the user: sessions (of simulated accounts only) are encrypted with a fixed
    // development key, so restarts and silos sharing a database can read them.
    var developmentSessionKey = telegram.IsSimulated && string.IsNullOrWhiteSpace(builder.Configuration[TelegramSetup.SessionKeyKey]);
    if (developmentSessionKey)
        builder.Configuration.AddInMemoryCollection([new(TelegramSetup.SessionKeyKey, TelegramSetup.DevelopmentSessionKey)]);
    var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
    var endpoints = builder.Configuration.GetSection(ClusterEndpointOptions.SectionName).Get<ClusterEndpointOptions>() ?? new ClusterEndpointOptions();
    var storage = builder.Configuration.GetSection(ClusterStorageOptions.SectionName).Get<ClusterStorageOptions>() ?? new ClusterStorageOptions();
    if (StorageProblem(storage) is { } storageProblem)
    {
        SiloLog.InvalidConfiguration(startupLogger, storageProblem);
        return 2;
    }

    // The embedded simulator starts first: the adapters are configured with its address.
    await using var embeddedSimulator = telegram.Mode == TelegramMode.EmbeddedSimulator
        ? await EmbeddedSimulator.StartAsync(EmbeddedSimulatorOptions(builder.Configuration), JsonLogs)
        : null;
    if (embeddedSimulator is not null) telegram = telegram.WithSimulatorAt(embeddedSimulator.BaseUrl);

    // ---- Services.
    builder.Services.AddOptions<SiloOptions>().Bind(builder.Configuration.GetSection(SiloOptions.SectionName)).ValidateOnStart();
    builder.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
    builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = silo.ShutdownTimeout);
    builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<SiloOptions>>((kestrel, options) =>
    {
        if (IPAddress.TryParse(options.Value.ListenAddress, out var address) && options.Value.HttpPort is > 0 and <= 65535)
            kestrel.Listen(address, options.Value.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
    });
    // The grain classes come from the Grains assembly (found by Orleans' code generation); cluster identity, endpoints,
    // storage, membership, the always-on keeper and session leases from ClusterHosting.
    builder.UseOrleans(orleans =>
    {
        orleans.UseClusterSilo(builder.Configuration);
        orleans.AddOrleansDashboard(builder.Configuration);
    });
    builder.Services.AddForwardingGrains(builder.Configuration);
    builder.Services.AddGuardGrains(builder.Configuration);
    builder.Services.AddAdminGrains(builder.Configuration);
    builder.Services.AddCampaignGrains(builder.Configuration);
    builder.Services.AddTelegramPorts(builder.Configuration, telegram);
    builder.Services.AddDemoFleet(builder.Configuration, telegram);
    builder.Services.AddSiloHealthChecks();
    builder.Services.AddSiloMetrics(builder.Configuration);
    builder.Services.AddDashboardAuthentication(builder.Configuration);
    builder.Services.AddClusterDashboard(builder.Configuration);

    WebApplication app;
    try
    {
        app = builder.Build();
    }
    catch (OptionsValidationException invalid)
    {
        return InvalidConfiguration(invalid);
    }

    // ---- Endpoints. Basic authentication (when on) guards the dashboards and /metrics only, never the probes.
    app.UseDashboardAuthentication();
    app.MapSiloHealth();
    app.MapSiloMetrics();
    app.MapClusterDashboard();

    // ---- Run. The first lines say which Telegram this is and where to look.
    var log = app.Logger;
    if (telegram.Mode == TelegramMode.EmbeddedSimulator) SiloLog.SimulatedEmbedded(log, telegram.SimulatorBaseUrl!.AbsoluteUri);
    else if (telegram.Mode == TelegramMode.ExternalSimulator) SiloLog.SimulatedExternal(log, telegram.SimulatorBaseUrl!.AbsoluteUri);
    else SiloLog.RealTelegram(log, telegram.ApiId);
    var baseUrl = silo.PublicBaseUrl;
    SiloLog.WhereToLook(log, baseUrl, baseUrl + "health/live", baseUrl + "health/ready");
    if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.OrleansDashboard)
        SiloLog.OrleansDashboard(log, baseUrl + DashboardEndpoints.OrleansDashboardPath.TrimStart('/') + "/");
    if (telegram.SimulatorBaseUrl is { } sim)
        SiloLog.SimulatorInspection(log, sim + "sim/world", sim + "sim/chats/{chatId}/messages", sim + "sim/calls", sim + "bot<token>/<method>");
    if (developmentSessionKey) SiloLog.DevelopmentSessionKey(log);
    SiloLog.Storage(log, storage.Provider.ToString(), DatabaseName(storage), endpoints.SiloPort, endpoints.GatewayPort, silo.HttpPort);
    app.Services.GetRequiredService<Cluster.Hosting.Security.ClusterTransportSecurity>().Log(log);
    if (!telegram.IsSimulated && storage.Provider == ClusterStorageProvider.Sqlite) SiloLog.RealOnSqlite(log);

    if (StartFailure.PortTakenBeforeStart(silo, endpoints) is { } taken)
    {
        // A port taken by another process is an operator's mistake, not a bug: one line naming it, no stack trace.
        SiloLog.PortInUse(startupLogger, taken.Port, taken.Setting);
        return 1;
    }
    var started = false;
    app.Lifetime.ApplicationStarted.Register(() => started = true);
    try
    {
        await app.RunAsync();
    }
    catch (OptionsValidationException invalid)
    {
        return InvalidConfiguration(invalid);
    }
    catch (Exception failure) when (!started && ConfigurationBindingFailure.MessageOf(failure) is null)
    {
        if (StartFailure.PortInUse(failure, silo, endpoints) is { } port)
        {
            // Taken after the check above: Orleans or Kestrel logged the bind failure already; still name the port.
            SiloLog.PortInUse(startupLogger, port.Port, port.Setting);
            return 1;
        }
        if (SchemaNotReady(failure) is { } schemaMissing)
        {
            // Cluster:Storage:Schema=Verify and the schema step has not run: one line saying so, no stack trace.
            SiloLog.SchemaNotReady(startupLogger, schemaMissing.Message);
            return 1;
        }
        if (StartFailure.InvalidOrleansConfiguration(failure) is { } orleansProblem)
        {
            SiloLog.InvalidConfiguration(startupLogger, orleansProblem);
            return 2;
        }
        // Failed before it started (a database that refuses the schema, ...): say why in the JSON log rather than as an
        // unhandled exception.
        SiloLog.StartFailed(startupLogger, failure);
        return 1;
    }
    SiloLog.Stopped(startupLogger);
    return 0;
}
catch (OptionsValidationException invalid)
{
    // Thrown while the silo is configured (Cluster endpoints: ports, addresses, identity).
    return InvalidConfiguration(invalid);
}
catch (Exception unconvertible) when (ConfigurationBindingFailure.MessageOf(unconvertible) is { } problem)
{
    SiloLog.InvalidConfiguration(startupLogger, problem);
    return 2;
}

int InvalidConfiguration(OptionsValidationException invalid)
{
    foreach (var problem in invalid.Failures) SiloLog.InvalidConfiguration(startupLogger, problem);
    return 2;
}

static ClusterSchemaNotReadyException? SchemaNotReady(Exception? failure)
{
    for (; failure is not null; failure = failure.InnerException)
    {
        if (failure is ClusterSchemaNotReadyException missing) return missing;
        if (failure is AggregateException { InnerExceptions.Count: > 0 } many)
            return many.InnerExceptions.Select(SchemaNotReady).FirstOrDefault(m => m is not null);
    }
    return null;
}

static void JsonLogs(Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions json)
{
    json.UseUtcTimestamp = true;
    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
}

// The embedded simulator: settings from the TelegramSim section (e.g. TelegramSim:Limits:Enabled), always with the
// demo world, on a free loopback port unless TelegramSim:Urls says otherwise.
static TelegramSimulatorOptions EmbeddedSimulatorOptions(IConfiguration configuration)
{
    var options = new TelegramSimulatorOptions();
    configuration.GetSection(TelegramSimulatorOptions.SectionName).Bind(options);
    options.SeedDemoWorld = true;
    return options;
}

// A connection string the provider cannot use: named, so the silo stops with exit code 2 rather than at its first write.
static string? StorageProblem(ClusterStorageOptions storage)
{
    try
    {
        _ = storage.Provider == ClusterStorageProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.EffectiveConnectionString).DataSource
            : new Npgsql.NpgsqlConnectionStringBuilder(storage.EffectiveConnectionString).Host;
        return null;
    }
    catch (InvalidOperationException missing)
    {
        return missing.Message;
    }
    catch (ArgumentException invalid)
    {
        return $"{ClusterStorageOptions.SectionName}:ConnectionString is not a valid {storage.Provider} connection string: {invalid.Message}";
    }
}

// What the operator may see of the database: the file or host and database name, never a password.
static string DatabaseName(ClusterStorageOptions storage)
{
    try
    {
        return storage.Provider == ClusterStorageProvider.Sqlite
            ? Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.EffectiveConnectionString).DataSource)
            : new Npgsql.NpgsqlConnectionStringBuilder(storage.EffectiveConnectionString) is var pg ? $"{pg.Host}:{pg.Port}/{pg.Database}" : "";
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        return "(not configured)";
    }
}
