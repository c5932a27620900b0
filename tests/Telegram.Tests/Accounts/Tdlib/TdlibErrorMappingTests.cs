using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Tdlib;
using static Cluster.Telegram.Tests.Accounts.Tdlib.TdlibRecordedJson;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

public sealed class TdlibErrorMappingTests
{
    [Theory]
    [InlineData(429, "Too Many Requests: retry after 35", 35)]
    [InlineData(420, "FLOOD_WAIT_120", 120)]
    [InlineData(400, "FLOOD_WAIT_7", 7)]
    [InlineData(420, "FLOOD_PREMIUM_WAIT_3", 3)]
    [InlineData(400, "SLOWMODE_WAIT_30", 30)]
    public void Flood_waits_carry_their_seconds(int code, string message, int seconds)
    {
        var ex = Assert.IsType<FloodWaitException>(TdlibJsonMapper.ToException(Parse(Error(code, message))));

        Assert.Equal(TimeSpan.FromSeconds(seconds), ex.RetryAfter);
        Assert.Equal(message, ex.TelegramMessage);
    }

    [Fact]
    public void A_429_without_seconds_is_still_a_flood_wait()
    {
        var ex = Assert.IsType<FloodWaitException>(TdlibJsonMapper.ToException(429, "Too Many Requests"));

        Assert.Equal(TdlibJsonMapper.UnspecifiedFloodWait, ex.RetryAfter);
    }

    [Theory]
    [InlineData(400, "PEER_FLOOD", typeof(PeerFloodException))]
    [InlineData(406, "AUTH_KEY_DUPLICATED", typeof(AuthKeyDuplicatedException))]
    [InlineData(400, "Can't lock file \"/s/td.binlog\", because it is already in use; check for another program instance running", typeof(AuthKeyDuplicatedException))]
    [InlineData(401, "Unauthorized", typeof(SessionRevokedException))]
    [InlineData(401, "SESSION_REVOKED", typeof(SessionRevokedException))]
    [InlineData(401, "AUTH_KEY_UNREGISTERED", typeof(SessionRevokedException))]
    [InlineData(401, "USER_DEACTIVATED_BAN", typeof(AccountBannedException))]
    [InlineData(400, "PHONE_NUMBER_BANNED", typeof(AccountBannedException))]
    [InlineData(403, "CHAT_WRITE_FORBIDDEN", typeof(ChatWriteForbiddenException))]
    [InlineData(400, "CHAT_ADMIN_REQUIRED", typeof(ChatWriteForbiddenException))]
    [InlineData(403, "CHAT_SEND_PHOTOS_FORBIDDEN", typeof(ChatWriteForbiddenException))]
    [InlineData(400, "Have no write access to the chat", typeof(ChatWriteForbiddenException))]
    [InlineData(400, "CHANNEL_PRIVATE", typeof(ChannelPrivateException))]
    [InlineData(400, "USERNAME_NOT_OCCUPIED", typeof(UsernameNotOccupiedException))]
    [InlineData(400, "USERNAME_INVALID", typeof(UsernameNotOccupiedException))]
    [InlineData(400, "Chat not found", typeof(ChatNotFoundException))]
    [InlineData(400, "PEER_ID_INVALID", typeof(ChatNotFoundException))]
    [InlineData(400, "INVITE_HASH_EXPIRED", typeof(ChatNotFoundException))]
    [InlineData(400, "PHONE_CODE_INVALID", typeof(LoginException))]
    [InlineData(400, "PHONE_CODE_EXPIRED", typeof(LoginException))]
    [InlineData(400, "PASSWORD_HASH_INVALID", typeof(LoginException))]
    [InlineData(400, "PHONE_NUMBER_INVALID", typeof(LoginException))]
    public void Telegram_errors_become_typed_exceptions(int code, string message, Type expected)
    {
        var ex = TdlibJsonMapper.ToException(Parse(Error(code, message)));

        Assert.IsType(expected, ex);
        Assert.Equal(message, ex.TelegramMessage);
    }

    [Fact]
    public void Unknown_errors_keep_code_and_message()
    {
        var ex = TdlibJsonMapper.ToException(Parse(Error(400, "MESSAGE_TOO_LONG")));

        Assert.Equal(typeof(TelegramAccountException), ex.GetType());
        Assert.Equal(400, ex.Code);
        Assert.Equal("MESSAGE_TOO_LONG", ex.TelegramMessage);
    }

    [Fact]
    public void An_unrelated_406_is_not_mistaken_for_a_duplicated_session()
    {
        var ex = TdlibJsonMapper.ToException(406, "UPDATE_APP_TO_LOGIN");

        Assert.Equal(typeof(TelegramAccountException), ex.GetType());
        Assert.Equal(406, ex.Code);
    }
}
