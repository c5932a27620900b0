using Cluster.AdminBot.Commands;
using Cluster.AdminBot.Configuration;
using Microsoft.Extensions.Options;

namespace Cluster.AdminBot.Cli;

/// <summary>The command-line front end: runs one command through the same dispatcher as the bot, prints the reply as
/// text and says by its exit code whether it succeeded (0) or not (1), for scripts and operators.</summary>
public sealed class CommandLineFrontEnd(CommandDispatcher dispatcher, IOptions<AdminBotOptions> options)
{
    public async Task<int> RunAsync(AdminCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        var admin = new AdminIdentity(options.Value.CommandLineUserId, "cli:" + Environment.UserName, AdminTransport.CommandLine);
        var reply = await dispatcher.DispatchAsync(command, admin, cancellationToken);
        await output.WriteLineAsync(reply.Text);
        return reply.Succeeded ? 0 : 1;
    }
}
