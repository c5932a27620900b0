// A silo for multi-process tests: settings come from arguments (--Cluster:Membership:DeathTimeout=00:00:02)
// and environment variables (Cluster__Storage__ConnectionString=...). It prints "READY <siloId>" once serving.
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage;
using Cluster.Runtime.TestSiloApp;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
// The core first, then the cluster services: they stop in reverse order, before membership and the core drain.
builder.UseClusterRuntime(runtime => runtime.AddGrains(typeof(AlwaysOnTestGrain).Assembly));
builder.Services.AddClusterServices(builder.Configuration);
builder.Services.AddSingleton<ActivationRecorder>();

var app = builder.Build();
await app.Services.GetRequiredService<IClusterStorage>().MigrateAsync(CancellationToken.None);
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"READY {app.Services.GetRequiredService<ISiloMembership>().LocalSiloId}"));
await app.RunAsync();
