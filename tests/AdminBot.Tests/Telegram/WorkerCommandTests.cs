using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>The worker commands as an admin uses them in Telegram, against the admin bot process and a silo process.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class WorkerCommandTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Workers_lists_each_worker_with_its_state_silo_api_id_and_pair_count_and_never_the_api_hash()
    {
        var (id, userId, phone) = await Cluster.AddActiveWorkerAsync("listed");
        await Cluster.AddPairAsync("listed-pair", id, userId);
        using var chat = Cluster.AdminChat();

        var reply = await chat.FindInPagesAsync("/workers", id + " ");

        var line = Section(reply.Text, id);
        Assert.Contains("alive", line);
        Assert.Contains("silo silo-1", line);
        Assert.Contains("api_id 12345", line);
        Assert.Contains("pairs 1", line);
        Assert.Contains("restarts 0", line);
        Assert.DoesNotContain("0123456789abcdef", reply.Text);
        Assert.DoesNotContain(phone.TrimStart('+'), reply.Text);
    }

    [Fact]
    public async Task Stop_worker_then_start_worker_stops_and_starts_the_account()
    {
        var (id, _, _) = await Cluster.AddActiveWorkerAsync("toggled");
        using var chat = Cluster.AdminChat();
        var account = Cluster.Grains.GetGrain<IAccountGrain>(id);

        var stopped = await chat.SendAsync($"/stop_worker {id}");
        Assert.Equal($"Worker {id} stopped: now stopped.", stopped.Text);
        Assert.Equal(AccountState.Offline, (await account.GetStatusAsync()).State);

        var started = await chat.SendAsync($"/start_worker {id}");
        Assert.Equal($"Worker {id} started: now alive.", started.Text);
        Assert.Equal(AccountState.Active, (await account.GetStatusAsync()).State);
    }

    [Fact]
    public async Task The_stop_and_restart_buttons_under_worker_stats_act_on_the_worker_and_edit_the_message()
    {
        var (id, _, _) = await Cluster.AddActiveWorkerAsync("buttons");
        using var chat = Cluster.AdminChat();
        var stats = await chat.SendAsync($"/worker_stats {id}");
        Assert.StartsWith($"Worker {id} - alive", stats.Text);

        var (stopped, toast) = await chat.PressAsync(stats, "■ stop");
        Assert.Equal(stats.Id, stopped.Id);
        Assert.Equal($"Worker {id} stopped: now stopped.", stopped.Text);
        Assert.Equal($"{id} stopped", toast);
        var (restarted, _) = await chat.PressAsync(stopped, "↻ restart");
        Assert.Equal($"Worker {id} restarted: now alive.", restarted.Text);
        var status = await Cluster.Grains.GetGrain<IAccountGrain>(id).GetStatusAsync();
        Assert.Equal(AccountState.Active, status.State);
        Assert.Equal(1, status.Restarts);
    }

    [Fact]
    public async Task Worker_stats_shows_sent_forwarded_success_rate_and_forward_times()
    {
        var (id, userId, _) = await Cluster.AddActiveWorkerAsync("stats");
        var (source, destination) = await Cluster.AddPairAsync("stats-pair", id, userId);
        Cluster.World.PostToChannel(source.Id, "one");
        Cluster.World.PostToChannel(source.Id, "two");
        await Eventually.WaitAsync(() => Cluster.Texts(destination.Id), t => t.Count == 2, "two forwarded posts");
        using var chat = Cluster.AdminChat();

        var reply = await chat.SendAsync($"/worker_stats {id}");

        foreach (var part in new[] { "pairs 1 · forwarded 2 · sent 2 · failed 0 · success rate 100%", "forward latency from arrival: avg ", "(2 measured)", "last error none" })
            Assert.True(reply.Text.Contains(part, StringComparison.Ordinal), $"'{part}' is not in:{Environment.NewLine}{reply.Text}");
    }

    [Fact]
    public async Task Workers_is_paged_and_the_next_button_shows_the_next_page()
    {
        for (var i = 0; i < 6; i++) await Cluster.AddActiveWorkerAsync($"paged-{i}");
        using var chat = Cluster.AdminChat();

        var first = await chat.SendAsync("/workers");
        Assert.Contains("(page 1/", first.Text);
        var (second, _) = await chat.PressAsync(first, "next »");
        Assert.Contains("(page 2/", second.Text);
        Assert.NotNull(second.AllButtons.FirstOrDefault(b => b.Text == "« previous"));
    }

    [Theory]
    [InlineData("/frobnicate", "Unknown command /frobnicate. /help lists the commands.")]
    [InlineData("/worker_stats", "/worker_stats takes 1 argument, got 0. Usage: /worker_stats <id>")]
    [InlineData("/stop_worker a b", "/stop_worker takes 1 argument, got 2. Usage: /stop_worker <id>")]
    [InlineData("/worker_stats ghost", "There is no worker 'ghost'. /workers lists them.")]
    [InlineData("/start_worker ghost", "There is no worker 'ghost'. /workers lists them.")]
    [InlineData("/workers x", "'x' is not a page number. Usage: /workers [page]")]
    [InlineData("hello", "Nothing is waiting for an answer. /help lists the commands.")]
    public async Task Bad_input_is_answered_with_what_is_expected(string input, string expected)
    {
        using var chat = Cluster.AdminChat();
        var reply = await chat.SendAsync(input);
        Assert.Equal(expected, reply.Text);
    }

    private static string Section(string text, string id)
    {
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"no line for {id} in:{Environment.NewLine}{text}");
        return lines[at] + "\n" + lines[at + 1];
    }
}
