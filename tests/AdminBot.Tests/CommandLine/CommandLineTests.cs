using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Abstractions.Pairs;

namespace Cluster.AdminBot.Tests.CommandLine;

/// <summary>The command-line front end (<c>Cluster.AdminBot &lt;command&gt; ...</c>) as a process: the same answers as the bot,
/// exit code 0 on success and 1 on failure, guided commands taking their answers as options.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CommandLineTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task The_command_line_gives_the_same_answers_as_the_bot()
    {
        var (id, user, _) = await Cluster.AddActiveWorkerAsync("same-answers");
        await Cluster.AddPairAsync("same-pair", id, user);
        await Cluster.Grains.GetGrain<IAccountGrain>(id).StopAsync();
        using var chat = Cluster.AdminChat();

        foreach (var command in new[] { $"worker_stats {id}", "pair same-pair", "help", "frobnicate", "worker_stats ghost", "pause_pair", "groups" })
        {
            var cli = await Cluster.CliAsync(command.Split(' '));
            var bot = await chat.SendAsync("/" + command);
            Assert.Equal(bot.Text, cli.Output);
        }
    }

    [Fact]
    public async Task Stop_worker_then_start_worker_on_the_command_line_exit_0_and_act_on_the_worker()
    {
        var (id, _, _) = await Cluster.AddActiveWorkerAsync("cli-toggled");
        var account = Cluster.Grains.GetGrain<IAccountGrain>(id);

        var stop = await Cluster.CliAsync("stop_worker", id);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal($"Worker {id} stopped: now stopped.", stop.Output);
        Assert.Equal(AccountState.Offline, (await account.GetStatusAsync()).State);
        var start = await Cluster.CliAsync("start_worker", id);
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Equal(AccountState.Active, (await account.GetStatusAsync()).State);
        var workers = await Cluster.CliAsync("workers");
        Assert.True(workers.ExitCode == 0, workers.ToString());
        Assert.StartsWith("Workers: ", workers.Output);
    }

    [Theory]
    [InlineData("frobnicate", "Unknown command /frobnicate. /help lists the commands.")]
    [InlineData("worker_stats", "/worker_stats takes 1 argument, got 0. Usage: /worker_stats <id>")]
    [InlineData("restart_worker ghost", "There is no worker 'ghost'. /workers lists them.")]
    public async Task Bad_input_exits_1_with_the_reason(string command, string expected)
    {
        var result = await Cluster.CliAsync(command.Split(' '));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected, result.Output);
    }

    [Fact]
    public async Task Add_worker_takes_its_answers_as_options_including_the_2fa_password()
    {
        var (phone, userId) = Cluster.CreateTelegramAccount("cli-added", password: "pw on cli");

        var result = await Cluster.CliAsync("add_worker", "--account", "cli-added", "--api-id", "99", "--api-hash", "ffeeddccbbaa99887766554433221100",
            "--phone", phone, "--code", SimulatedCluster.LoginCode, "--password", "pw on cli");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Worker cli-added added and alive: logged in as @cli_added_user.", result.Output);
        Assert.Equal(userId, (await Cluster.Grains.GetGrain<IAccountGrain>("cli-added").GetStatusAsync()).Identity?.UserId);
    }

    [Fact]
    public async Task Add_worker_with_a_wrong_code_exits_1_and_leaves_no_worker()
    {
        var (phone, _) = Cluster.CreateTelegramAccount("cli-wrong");

        var result = await Cluster.CliAsync("add_worker", "--account", "cli-wrong", "--api-id", "99", "--api-hash", "ffeeddccbbaa99887766554433221100",
            "--phone", phone, "--code", "00000");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Wrong login code (attempt 1 of 3). Send it again, or /cancel. Worker cli-wrong was removed.", result.Output);
        Assert.False((await Cluster.Grains.GetGrain<IAccountGrain>("cli-wrong").GetStatusAsync()).Configured);
    }

    [Fact]
    public async Task Add_pair_and_assign_channels_take_their_answers_as_options()
    {
        var (first, firstUser, _) = await Cluster.AddActiveWorkerAsync("cli-first");
        var (second, secondUser, _) = await Cluster.AddActiveWorkerAsync("cli-second");
        var owner = Cluster.World.CreateUser("Owner of cli pair");
        Cluster.World.CreateChannel("Cli source", "cli_src", owner.Id);
        var destination = Cluster.World.CreateChannel("Cli destination", "cli_dst", owner.Id);
        Cluster.World.MakeAdmin(destination.Id, firstUser);
        Cluster.World.MakeAdmin(destination.Id, secondUser);

        var added = await Cluster.CliAsync("add_pair", "--id", "cli-pair", "--source", "@cli_src", "--dest", "@cli_dst", "--account", first, "--mode", "forward");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal($"Pair cli-pair added: Cli source -> Cli destination via {first}, running.", added.Output);
        Assert.Equal(ForwardMode.Forward, (await Cluster.Grains.GetGrain<IChannelPairGrain>("cli-pair").GetStatusAsync()).Mode);

        var moved = await Cluster.CliAsync("assign_channels", second, "--pairs", "cli-pair");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Equal($"Moved to {second}: cli-pair (from {first}).", moved.Output);
        Assert.Equal(second, (await Cluster.Grains.GetGrain<IChannelPairGrain>("cli-pair").GetStatusAsync()).AccountId);

        var missing = await Cluster.CliAsync("add_pair", "--id", "cli-pair-2", "--source", "@cli_src");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("/add_pair needs --dest at this point.", missing.Output);
    }
}
