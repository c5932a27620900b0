using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Tests;

/// <summary>When a second connection of one session is AUTH_KEY_DUPLICATED: while the first client is still there.
/// A client that polls its updates is there while a poll is open and for a short gap after one; one that never polls is
/// there for the liveness window after its last request.</summary>
public sealed class ConnectionLivenessTests
{
    private static (SimWorld World, ManualClock Clock, string Session, SimChatInfo Channel) LoggedInWorld()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var world = new SimWorld(new TelegramSimulatorOptions { TimeProvider = clock });
        var account = world.CreateAccount("+15550000042", "Polly");
        var owner = world.CreateUser("Owner");
        var channel = world.CreateChannel("News", "liveness_news", owner.Id);
        world.AddMember(channel.Id, account.UserId);
        var login = world.AccountConnect(null);
        world.AccountSubmitPhone(login.ConnectionId, "+15550000042");
        var ready = world.AccountSubmitCode(login.ConnectionId, account.LoginCode);
        world.AccountDisconnect(login.ConnectionId);
        return (world, clock, ready.SessionToken!, channel);
    }

    [Fact]
    public async Task A_polling_client_gone_between_two_polls_frees_its_session_after_the_poll_gap_not_the_whole_window()
    {
        var (world, clock, session, channel) = LoggedInWorld();
        var first = world.AccountConnect(session);
        var poll = world.AccountPollAsync(first.ConnectionId, first.UpdatesSeq, 100, TimeSpan.FromSeconds(30), CancellationToken.None);
        world.PostToChannel(channel.Id, "wakes the poll");
        var (events, _) = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEmpty(events);

        // The process is killed before its next poll: 2 s of silence is past the poll gap (1 s), within the window (5 s).
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = world.AccountConnect(session);

        Assert.NotEqual(first.ConnectionId, second.ConnectionId);
        Assert.Equal(0, world.AuthKeyDuplicatedCount);
    }

    [Fact]
    public async Task A_polling_client_that_polls_again_at_once_still_holds_its_session()
    {
        var (world, clock, session, channel) = LoggedInWorld();
        var first = world.AccountConnect(session);
        var poll = world.AccountPollAsync(first.ConnectionId, first.UpdatesSeq, 100, TimeSpan.FromSeconds(30), CancellationToken.None);
        world.PostToChannel(channel.Id, "wakes the poll");
        await poll.WaitAsync(TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromMilliseconds(300));
        var ex = Assert.Throws<SimException>(() => world.AccountConnect(session));

        Assert.Equal("AUTH_KEY_DUPLICATED", ex.AccountError);
        Assert.Equal(1, world.AuthKeyDuplicatedCount);
    }

    [Fact]
    public void A_client_that_never_polled_holds_its_session_for_the_liveness_window_after_its_last_request()
    {
        var (world, clock, session, _) = LoggedInWorld();
        var first = world.AccountConnect(session);
        world.RequireReady(first.ConnectionId);

        clock.Advance(TimeSpan.FromSeconds(2));
        var ex = Assert.Throws<SimException>(() => world.AccountConnect(session));

        Assert.Equal("AUTH_KEY_DUPLICATED", ex.AccountError);
    }
}
