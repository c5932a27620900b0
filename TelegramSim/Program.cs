using Cluster.TelegramSim;
using Cluster.TelegramSim.Hosting;

// The standalone simulator: dotnet run --project TelegramSim -- [--urls URL] [--world world.json] [--demo] [--no-limits]
var options = new TelegramSimulatorOptions { Urls = "http://127.0.0.1:8081" };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls" when i + 1 < args.Length: options.Urls = args[++i]; break;
        case "--world" when i + 1 < args.Length: options.WorldFile = args[++i]; break;
        case "--demo": options.SeedDemoWorld = true; break;
        case "--no-limits": options.Limits.Enabled = false; break;
        case "--help" or "-h":
            Console.WriteLine("Usage: Cluster.TelegramSim [--urls http://127.0.0.1:8081] [--world world.json] [--demo] [--no-limits]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --help.");
            return 2;
    }
}
try
{
    options.Validate();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
await using var host = await TelegramSimulator.StartAsync(options);
Console.WriteLine($"Telegram simulator listening on {host.BaseUrl} (Bot API: {host.BaseUrl}bot<token>/<method>, control: {host.BaseUrl}sim/world)");
using var stop = new CancellationTokenSource();
// The embedded web host takes over SIGTERM/SIGINT and only stops itself; these registrations make the
// process end too, so `kill` and Ctrl-C stop the standalone simulator.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;
