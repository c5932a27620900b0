using Cluster.Grains.Abstractions.Campaigns;
using Cluster.Grains.Tests.Support;
using Cluster.TelegramSim.Faults;

namespace Cluster.Grains.Tests.Campaigns;

/// <summary>Exactly once across a crash: the silo dies after Telegram made the message and before the campaign recorded it
/// (the simulator holds the send's answer, the silo is killed meanwhile, its storage refusing writes from then on). The
/// campaign, activated again on a new silo by the keeper, finds the recipient Sending, looks for the message in the dialog
/// through the same account, records it as sent and does not send it again.</summary>
[Trait("Category", "Cluster")]
public sealed class CampaignInDoubtTests
{
    [Fact]
    public async Task A_message_sent_just_before_the_crash_is_found_in_the_dialog_and_not_sent_again()
    {
        await using var world = await CampaignTestWorld.StartAsync();
        var account = await world.AddAccountAsync("d1-a");
        var users = world.AddRecipients(5);
        var held = world.Cluster.Simulator.Faults.Add(new SimFaultRule(SimFaultKind.SlowAnswer, SimClientKind.Account, account.UserId, "send", Count: 1, Delay: TimeSpan.FromSeconds(15)));
        var campaign = world.Grains.GetGrain<ICampaignGrain>("d1");

        await campaign.CreateAsync(CampaignTestWorld.Definition("Doubt d1", [account]), users.Select(u => new CampaignRecipient("@" + u.Username)).ToList());
        await Eventually.WaitAsync(() => world.Received("Doubt d1").Count, n => n == 1, "the first message made, its answer held");
        // The round recorded its five recipients as sending before the first send; only the first reached Telegram.
        var sending = await world.RecipientsAsync("d1", 1);
        Assert.All(sending, r => Assert.Equal((RecipientState.Sending, "d1-a"), (r.State, r.AccountId)));
        var inDoubt = sending.Single(r => r.Position == 0);
        Assert.Single(world.World.GetReceivedFrom(users[0].Id, account.UserId));

        await world.Cluster.KillSiloAsync(world.Cluster.Silos[0]);
        world.Cluster.Simulator.Faults.Remove(held);
        await world.Cluster.StartSiloAsync();

        var done = await world.WaitForStateAsync(campaign, CampaignState.Completed, TimeSpan.FromSeconds(90));
        Assert.Equal(5, done.Counts.Sent);
        Assert.Equal((0, 1, 4), (done.ResentAfterDoubt, done.InDoubtFound, done.InDoubtNotFound));
        var received = world.Received("Doubt d1");
        Assert.All(users, u => Assert.Equal(1, received.GetValueOrDefault(u.Id)));
        var recipient = (await world.RecipientsAsync("d1", 1)).Single(r => r.Position == inDoubt.Position);
        Assert.Equal(RecipientState.Sent, recipient.State);
        Assert.Equal(world.World.GetReceivedFrom(users[inDoubt.Position].Id, account.UserId).Single().Id, recipient.MessageId);
    }
}
