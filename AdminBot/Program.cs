using Cluster.AdminBot.Cli;
using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Cluster.AdminBot.Hosting;
using Cluster.AdminBot.TelegramFrontEnd;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

// The admin bot. With no arguments it is the Telegram bot (long-polls Telegram:Bot:Token); with arguments it runs one
// command and exits: `Cluster.AdminBot workers`, `Cluster.AdminBot worker_stats acc1`, `... add_pair --source @a --dest @b --account acc1`.
// Exit codes: 0 done, 1 the command failed (or the bot stopped on an error), 2 invalid configuration or usage.

// ---- Configuration: adminbot.json next to the binary, then environment variables (Cluster__Secret, Telegram__Bot__Token, ...).
var command = args.Length == 0 ? null : CommandTextParser.ParseArguments(args is ["--help" or "-h", ..] ? ["help"] : args);
var botMode = command is null;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
builder.Configuration.AddJsonFile("adminbot.json", optional: true).AddEnvironmentVariables();
builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
if (botMode)
{
    builder.Logging.AddJsonConsole(JsonLogs);
}
else
{
    // The reply is the command line's output: logs go to stderr, and only problems.
    builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
    builder.Logging.AddFilter((_, level) => level >= LogLevel.Error);
}

// A value of the wrong type (a page size 'ten') fails wherever its section is bound: an invalid configuration too.
try
{
    var problems = new List<string>();
    var adminOptions = builder.Configuration.GetSection(AdminBotOptions.SectionName).Get<AdminBotOptions>() ?? new AdminBotOptions();
    problems.AddRange(adminOptions.Validate(botMode));
    if (botMode && string.IsNullOrWhiteSpace(builder.Configuration["Telegram:Bot:Token"]))
        problems.Add("Telegram:Bot:Token is required to run the bot (Telegram__Bot__Token, the token from @BotFather). Give a command instead (e.g. `workers`) to use the command line, which needs no token.");
    if (problems.Count > 0) return Invalid(problems);

    // ---- Services.
    builder.Services.AddAdminClusterClient(builder.Configuration);
    builder.Services.AddAdminCommands(builder.Configuration);
    builder.Services.AddSingleton<CommandLineFrontEnd>();
    if (botMode) builder.Services.AddAdminTelegramFrontEnd(builder.Configuration);

    using var host = builder.Build();
    try
    {
        if (!botMode)
        {
            await host.StartAsync();
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            var exit = await host.Services.GetRequiredService<CommandLineFrontEnd>().RunAsync(command!, Console.Out, cancel.Token);
            await host.StopAsync();
            return exit;
        }
        await host.RunAsync();
        var failure = host.Services.GetRequiredService<AdminBotRun>().FailureReason;
        return failure is null ? 0 : 1;
    }
    catch (OptionsValidationException invalid)
    {
        return Invalid(invalid.Failures);
    }
}
catch (Exception unconvertible) when (ConfigurationBindingFailure.MessageOf(unconvertible) is { } problem)
{
    return Invalid([problem]);
}

static int Invalid(IEnumerable<string> problems)
{
    foreach (var problem in problems) Console.Error.WriteLine("Invalid configuration: " + problem);
    return 2;
}

static void JsonLogs(JsonConsoleFormatterOptions json)
{
    json.UseUtcTimestamp = true;
    json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
}
