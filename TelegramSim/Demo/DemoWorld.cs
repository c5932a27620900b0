using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.Demo;

/// <summary>Seeds a small demo world: three accounts (one with a 2FA password), two source channels with
/// posts and two destination channels (the channel pairs), a guard bot, and a protected supergroup with a
/// linked channel and a few members, some of whom have not joined the channel.</summary>
public static class DemoWorld
{
    /// <summary>The demo bot's token, fixed so configuration can name it.</summary>
    public const string BotToken = "7999999999:AAHdemoGuardBotTokenForTheSimulat0r";

    /// <summary>The demo guard bot's username; it protects <see cref="ProtectedGroupUsername"/> with <see cref="AnnouncementsUsername"/>.</summary>
    public const string GuardBotUsername = "demo_guard_bot";

    /// <summary>The protected demo group's username.</summary>
    public const string ProtectedGroupUsername = "demo_community";

    /// <summary>The channel members of the protected demo group must join.</summary>
    public const string AnnouncementsUsername = "demo_announcements";

    /// <summary>The demo accounts' log-in code.</summary>
    public const string LoginCode = "12345";

    /// <summary>The 2FA password of the second demo account.</summary>
    public const string Password = "demo-password";

    public static DemoWorldInfo Seed(SimWorld world)
    {
        var alice = world.CreateAccount("+15550000001", "Alice", "demo_alice", loginCode: LoginCode);
        var bob = world.CreateAccount("+15550000002", "Bob", "demo_bob", password: Password, loginCode: LoginCode);
        var carol = world.CreateAccount("+15550000003", "Carol", "demo_carol", loginCode: LoginCode, isPremium: true);
        var bot = world.CreateBot(GuardBotUsername, "Demo Guard", BotToken, id: 7_999_999_999);

        var news = world.CreateChannel("Demo News", "demo_news", alice.UserId, "A source channel of the demo world");
        var deals = world.CreateChannel("Demo Deals", "demo_deals", alice.UserId, "Another source channel");
        var newsMirror = world.CreateChannel("Demo News Mirror", null, alice.UserId);
        var dealsMirror = world.CreateChannel("Demo Deals Mirror", null, alice.UserId);
        world.AddMember(news.Id, bob.UserId);
        world.AddMember(deals.Id, bob.UserId);

        world.PostToChannel(news.Id, "Welcome to Demo News");
        world.PostToChannel(news.Id, [
            new SimOutgoingMessage("A demo album", Media: world.UploadFile(SimMediaKind.Photo)),
            new SimOutgoingMessage(null, Media: world.UploadFile(SimMediaKind.Photo)),
        ], asAlbum: true);
        world.PostToChannel(deals.Id, "Today's deal: 50% off simulated goods");

        var group = world.CreateSupergroup("Demo Community", ProtectedGroupUsername, carol.UserId, "A protected group: join @demo_announcements to write");
        var announcements = world.CreateChannel("Demo Announcements", AnnouncementsUsername, carol.UserId);
        world.LinkChats(group.Id, announcements.Id);
        world.MakeAdmin(group.Id, bot.UserId, SimAdminRights.Moderator);
        world.MakeAdmin(announcements.Id, bot.UserId, SimAdminRights.ReadOnly with { CanInviteUsers = true });

        var dave = world.CreateUser("Dave", "demo_dave");
        var erin = world.CreateUser("Erin", "demo_erin");
        var frank = world.CreateUser("Frank", "demo_frank");
        foreach (var u in new[] { dave, erin, frank }) world.AddMember(group.Id, u.Id);
        world.AddMember(announcements.Id, dave.Id);
        world.AddMember(announcements.Id, erin.Id);

        return new DemoWorldInfo(
            [world.GetAccount(alice.UserId), world.GetAccount(bob.UserId), world.GetAccount(carol.UserId)],
            world.GetBot(bot.UserId),
            [world.GetChat(news.Id), world.GetChat(deals.Id), world.GetChat(newsMirror.Id), world.GetChat(dealsMirror.Id), world.GetChat(announcements.Id)],
            [new DemoChannelPair(news.Id, newsMirror.Id), new DemoChannelPair(deals.Id, dealsMirror.Id)],
            alice.UserId,
            world.GetChat(group.Id),
            world.GetChat(announcements.Id),
            [dave, erin, frank]);
    }

}
