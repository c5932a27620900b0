using Cluster.AdminBot.Cli;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Hosting;
using Cluster.AdminBot.TelegramFrontEnd;
using Cluster.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

// The admin bot, an Orleans client of the cluster. With no arguments it is the Telegram bot (long-polls
// Telegram:Bot:Token); with arguments it runs one command and exits: `Cluster.AdminBot workers`,
// `Cluster.AdminBot worker_stats acc1`, `... add_pair --source @a --dest @b --account acc1`; `--help` lists the commands
// without reading any configuration or connecting.
// Exit codes: 0 done, 1 the command failed, the cluster could not be reached (or the bot stopped on an error),
// 2 invalid configuration or usage.

var command = args.Length == 0 ? null : CommandTextParser.ParseArguments(args is ["--help" or "-h", ..] ? ["help"] : args);
if (command is { Name: "help" }) return await HelpAsync();
var botMode = command is null;

// ---- Configuration: adminbot.json next to the binary, then environment variables (Cluster__GatewayPort,
// Telegram__Bot__Token, ...). Cluster:Secret, a setting of the runtime before Orleans, is accepted and ignored.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
builder.Configuration.AddJsonFile("adminbot.json", optional: true).AddEnvironmentVariables();
if (botMode)
{
    builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
    builder.Logging.AddJsonConsole(JsonLogs);
}
else
{
    // The reply is the command line's output: logs go to stderr, and only our own errors (an unreachable cluster is one
    // line below, not the host's and Orleans' stack traces). The Logging section is the bot's: its per-category levels
    // would override this filter.
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
    builder.Logging.AddFilter((category, level) => level >= LogLevel.Critical || (level >= LogLevel.Error && category?.StartsWith("Cluster.", StringComparison.Ordinal) == true));
}

// A value of the wrong type (a page size 'ten', a provider 'Oracle') fails wherever its section is bound: an invalid
// configuration too.
ClusterTarget target;
try
{
    var problems = new List<string>();
    var adminOptions = builder.Configuration.GetSection(AdminBotOptions.SectionName).Get<AdminBotOptions>() ?? new AdminBotOptions();
    problems.AddRange(adminOptions.Validate(botMode));
    if (botMode && string.IsNullOrWhiteSpace(builder.Configuration["Telegram:Bot:Token"]))
        problems.Add("Telegram:Bot:Token is required to run the bot (Telegram__Bot__Token, the token from @BotFather). Give a command instead (e.g. `workers`) to use the command line, which needs no token.");
    problems.AddRange(ClusterTarget.Problems(builder.Configuration));
    if (problems.Count > 0) return Invalid(problems);

    // ---- Services: the cluster client (the command line tries a gateway 3 times, 2 s apart; the bot until one answers).
    target = ClusterTarget.From(builder.Configuration);
    builder.AddAdminClusterClient(connectAttempts: botMode ? null : 3);
    builder.Services.AddAdminCommands(builder.Configuration);
    builder.Services.AddSingleton<CommandLineFrontEnd>();
    if (botMode) builder.Services.AddAdminTelegramFrontEnd(builder.Configuration);
}
catch (OptionsValidationException invalid)
{
    return Invalid(invalid.Failures);
}
catch (Exception unconvertible) when (ConfigurationBindingFailure.MessageOf(unconvertible) is { } problem)
{
    return Invalid([problem]);
}

using var host = builder.Build();
try
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    if (!botMode)
    {
        try
        {
            await host.StartAsync(cancel.Token);
        }
        catch (Exception unreachable) when (unreachable is not (OptionsValidationException or OperationCanceledException) && ConfigurationBindingFailure.MessageOf(unreachable) is null)
        {
            Console.Error.WriteLine($"No silo answered: tried {target}. Is the cluster running? ({FirstLine(unreachable.Message)})");
            return 1;
        }
        var exit = await host.Services.GetRequiredService<CommandLineFrontEnd>().RunAsync(command!, Console.Out, cancel.Token);
        await host.StopAsync();
        return exit;
    }
    try
    {
        await host.RunAsync();
    }
    catch (OperationCanceledException)
    {
        // Stopped (SIGTERM, Ctrl+C) while still waiting for a silo: nothing ran, nothing to clean up.
        Console.Error.WriteLine($"Stopped before any silo answered (tried {target}).");
        return 0;
    }
    var failure = host.Services.GetRequiredService<AdminBotRun>().FailureReason;
    return failure is null ? 0 : 1;
}
catch (OptionsValidationException invalid)
{
    return Invalid(invalid.Failures);
}
catch (Exception unconvertible) when (ConfigurationBindingFailure.MessageOf(unconvertible) is { } problem)
{
    return Invalid([problem]);
}

// /help needs neither settings nor a cluster: the dispatcher is built with an empty configuration and a client that is
// never started, so the list is the bot's own, word for word.
static async Task<int> HelpAsync()
{
    var help = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
    help.AddAdminClusterClient(connectAttempts: 1);
    help.Services.AddAdminCommands(help.Configuration);
    help.Services.AddSingleton<CommandLineFrontEnd>();
    using var host = help.Build();
    return await host.Services.GetRequiredService<CommandLineFrontEnd>().RunAsync(AdminCommand.Of("help"), Console.Out, CancellationToken.None);
}

static int Invalid(IEnumerable<string> problems)
{
    foreach (var problem in problems) Console.Error.WriteLine("Invalid configuration: " + problem);
    return 2;
}

static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

static void JsonLogs(JsonConsoleFormatterOptions json)
{
    json.UseUtcTimestamp = true;
    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
}
