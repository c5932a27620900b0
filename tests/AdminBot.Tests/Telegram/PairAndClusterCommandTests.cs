using Cluster.AdminBot.Tests.Infrastructure;
using Cluster.Grains.Abstractions.Admin;
using Cluster.Grains.Abstractions.Pairs;
using Cluster.Grains.Tests.Support;

namespace Cluster.AdminBot.Tests.Telegram;

/// <summary>The pair, silo, group and help commands in Telegram, and /assign_channels moving pairs between workers.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class PairAndClusterCommandTests(ClusterFixture fixture)
{
    private SimulatedCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Assign_channels_toggles_pairs_and_apply_moves_them_to_the_worker_which_then_forwards()
    {
        var (from, fromUser, _) = await Cluster.AddActiveWorkerAsync("giver");
        var (to, toUser, _) = await Cluster.AddActiveWorkerAsync("taker");
        var (source, destination) = await Cluster.AddPairAsync("moved-pair", from, fromUser);
        await Cluster.AddPairAsync("stays-pair", from, fromUser);
        Cluster.AllowToPost(destination, toUser);
        using var chat = Cluster.AdminChat();

        var list = await chat.SendAsync($"/assign_channels {to}");
        Assert.StartsWith($"Choose the pairs to move to {to}", list.Text);
        var (toggled, _) = await chat.PressAsync(list, "⬜ moved-pair");
        Assert.Contains("✅ moved-pair", toggled.Text);
        Assert.Contains("⬜ stays-pair", toggled.Text);
        var (applied, toast) = await chat.PressAsync(toggled, "✔ apply");

        Assert.Equal($"Moved to {to}: moved-pair (from {from}).", applied.Text);
        Assert.Equal("applied", toast);
        Assert.Equal(to, (await Cluster.Grains.GetGrain<IChannelPairGrain>("moved-pair").GetStatusAsync()).AccountId);
        Assert.Equal(from, (await Cluster.Grains.GetGrain<IChannelPairGrain>("stays-pair").GetStatusAsync()).AccountId);
        Cluster.World.PostToChannel(source.Id, "after the move");
        await Eventually.WaitAsync(() => Cluster.World.GetMessages(destination.Id), m => m.Any(x => x.Text == "after the move"), "the post forwarded by the new worker");
        Assert.Equal(toUser, Cluster.World.GetMessages(destination.Id).Single(m => m.Text == "after the move").AuthorUserId);
        var audit = await Cluster.Grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).ListRecentAsync(50);
        Assert.Contains(audit, e => e.Command == "assign_channels" && e.Arguments == $"{to} moved-pair" && e.Ok);
    }

    [Fact]
    public async Task Pause_pair_and_resume_pair_change_the_pair_and_pair_shows_its_configuration_and_counts()
    {
        var (id, user, _) = await Cluster.AddActiveWorkerAsync("pairs-owner");
        await Cluster.AddPairAsync("shown-pair", id, user);
        using var chat = Cluster.AdminChat();

        var paused = await chat.SendAsync("/pause_pair shown-pair");
        Assert.Equal("Pair shown-pair paused: now paused.", paused.Text);
        Assert.True((await Cluster.Grains.GetGrain<IChannelPairGrain>("shown-pair").GetStatusAsync()).Paused);
        var details = await chat.SendAsync("/pair shown-pair");
        Assert.StartsWith("Pair shown-pair - paused", details.Text);
        Assert.Contains($"worker {id} · mode copy", details.Text);
        Assert.Contains("source Source shown-pair", details.Text);
        Assert.Contains("  -> Destination shown-pair", details.Text);
        var (resumed, _) = await chat.PressAsync(details, "▶ resume");
        Assert.Equal("Pair shown-pair resumed: now running.", resumed.Text);
        Assert.False((await Cluster.Grains.GetGrain<IChannelPairGrain>("shown-pair").GetStatusAsync()).Paused);

        var pairs = await chat.FindInPagesAsync("/pairs", "shown-pair ");
        Assert.Contains("shown-pair - running", pairs.Text);
        Assert.Equal("There is no pair 'ghost-pair'. /pairs lists them.", (await chat.SendAsync("/pause_pair ghost-pair")).Text);
    }

    [Fact]
    public async Task Add_pair_asks_for_id_source_destinations_and_worker_then_the_pair_forwards()
    {
        var (worker, user, _) = await Cluster.AddActiveWorkerAsync("pair-adder");
        var owner = Cluster.World.CreateUser("Owner of guided");
        var source = Cluster.World.CreateChannel("Guided source", "guided_src", owner.Id);
        var destination = Cluster.World.CreateChannel("Guided destination", "guided_dst", owner.Id);
        Cluster.World.MakeAdmin(destination.Id, user);
        using var chat = Cluster.AdminChat();

        await chat.SendAsync("/add_pair");
        Assert.Equal("'bad id!' is not a valid pair id: use letters, digits, '-' and '_' (up to 32). Send another.", (await chat.SendAsync("bad id!")).Text);
        await chat.SendAsync("guided");
        Assert.Equal("'guided_src' is not a chat: send @username, a numeric chat id or a t.me link.", (await chat.SendAsync("guided_src")).Text);
        await chat.SendAsync("@guided_src");
        var askWorker = await chat.SendAsync("@guided_dst");
        var (added, _) = await chat.PressAsync(askWorker, worker);

        Assert.Equal($"Pair guided added: Guided source -> Guided destination via {worker}, running.", added.Text);
        Cluster.World.PostToChannel(source.Id, "guided post");
        await Eventually.WaitAsync(() => Cluster.Texts(destination.Id), t => t.Contains("guided post"), "the guided pair forwarding");
    }

    [Fact]
    public async Task Silos_shows_each_silo_with_status_address_load_and_grains_per_type_and_rebalance_says_it_is_automatic()
    {
        await Cluster.AddActiveWorkerAsync("silo-counted");
        using var chat = Cluster.AdminChat();

        var silos = await chat.SendAsync("/silos");

        Assert.StartsWith("Silos: 1 live", silos.Text);
        Assert.Matches(@"silo-1 - active · 127\.0\.0\.1:\d+ · up since ", silos.Text);
        Assert.Matches(@"  load: \d+ activations · cpu ", silos.Text);
        Assert.Matches(@"grains: .*account \d+", silos.Text);
        var (refreshed, _) = await chat.PressAsync(silos, "↻ refresh");
        Assert.StartsWith("Silos: 1 live", refreshed.Text);

        var rebalance = await chat.SendAsync("/rebalance");
        Assert.Equal(global::Cluster.AdminBot.Handlers.RebalanceHandler.Automatic, rebalance.Text);
    }

    [Fact]
    public async Task Help_lists_every_command_and_the_command_menu_is_published()
    {
        using var chat = Cluster.AdminChat();
        var help = await chat.SendAsync("/help");
        string[] all = ["workers", "worker_stats", "start_worker", "stop_worker", "restart_worker", "add_worker", "assign_channels",
            "pairs", "add_pair", "pair", "pause_pair", "resume_pair", "silos", "rebalance", "groups", "help", "cancel",
            "campaigns", "campaign", "new_campaign", "campaign_start", "campaign_pause", "campaign_resume", "campaign_cancel"];
        foreach (var command in all) Assert.Contains($"/{command}", help.Text);
        var published = Cluster.World.GetBot(Cluster.Bot.UserId).Commands.Select(c => c.Command).ToHashSet();
        Assert.Superset(all.ToHashSet(), published);
    }

    [Fact]
    public async Task Groups_answers_even_with_no_protected_group()
    {
        using var chat = Cluster.AdminChat();
        var groups = await chat.SendAsync("/groups");
        Assert.True(groups.Text.StartsWith("No protected groups.", StringComparison.Ordinal) || groups.Text.StartsWith("Protected groups:", StringComparison.Ordinal), groups.Text);
    }
}
