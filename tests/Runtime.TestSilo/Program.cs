// A silo for multi-process tests: settings come from arguments (--Cluster:Membership:DeathTimeout=00:00:02)
// and environment variables (Cluster__Storage__ConnectionString=...). It prints "READY <siloId>" once serving.
// TestSilo:AlwaysOnCount=N registers always-on grains g0..g(N-1) through IAlwaysOnRegistry at start.
using Cluster.Runtime;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.TestSiloApp;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
// The core first, then the cluster services: they stop in reverse order, before membership and the core drain.
builder.UseClusterRuntime(runtime => runtime.AddGrains(typeof(AlwaysOnTestGrain).Assembly));
builder.Services.AddClusterServices(builder.Configuration);
builder.Services.AddSingleton<ActivationRecorder>();

var app = builder.Build();
await app.StartAsync();
var alwaysOn = app.Configuration.GetValue("TestSilo:AlwaysOnCount", 0);
var registry = app.Services.GetRequiredService<IAlwaysOnRegistry>();
for (var i = 0; i < alwaysOn; i++) await registry.AddAsync<IAlwaysOnTestGrain>($"g{i}");
Console.WriteLine($"READY {app.Services.GetRequiredService<ISiloMembership>().LocalSiloId}");
await app.WaitForShutdownAsync();
