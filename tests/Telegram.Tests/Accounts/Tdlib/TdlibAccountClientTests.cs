using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Sessions;
using Cluster.Telegram.Accounts.Tdlib;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Cluster.Telegram.Tests.Accounts.Tdlib.TdlibRecordedJson;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>The TDLib adapter on the real libtdjson. No Telegram server is reachable here, so clients run
/// with TDLib's network switched off: everything up to the phone number step, the update pipeline (fed
/// recorded TDLib updates), closing, and sessions are real.</summary>
[Trait("Category", "Tdlib")]
public sealed class TdlibAccountClientTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string root = Directory.CreateTempSubdirectory("tdlib-client-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static TdlibOptions Offline() => new() { DisableNetwork = true, AlbumBufferDelay = TimeSpan.FromMilliseconds(300) };

    private TdlibAccountClient NewClient(string name, TdlibOptions? options = null) =>
        new(new AccountConnection(name, 12345, "0123456789abcdef0123456789abcdef", null, Path.Combine(root, name)), options ?? Offline());

    private static async Task<List<AccountUpdate>> ReadAllAsync(TdlibAccountClient client)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var all = new List<AccountUpdate>();
        await foreach (var update in client.Updates.ReadAllAsync(cts.Token))
        {
            all.Add(update);
        }
        return all;
    }

    private static async Task<AccountUpdate> NextAsync(TdlibAccountClient client)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await client.Updates.ReadAsync(cts.Token);
    }

    [Fact]
    public async Task A_new_session_starts_in_wait_phone_number_and_disposing_closes_it()
    {
        var client = NewClient("fresh");

        var state = await client.StartAsync(CancellationToken.None);
        await client.DisposeAsync();

        Assert.Equal(AuthorizationState.WaitPhoneNumber, state);
        Assert.Equal(AuthorizationState.Closed, client.AuthorizationState);
        Assert.Equal(
            [new AuthorizationStateChangedUpdate(AuthorizationState.WaitPhoneNumber), new AuthorizationStateChangedUpdate(AuthorizationState.Closed)],
            await ReadAllAsync(client));
        Assert.True(File.Exists(Path.Combine(root, "fresh", "td.binlog")), "TDLib keeps its database in the session directory");
    }

    [Fact]
    public async Task Several_accounts_run_at_once_each_with_its_own_state_and_directory()
    {
        var clients = Enumerable.Range(0, 3).Select(i => NewClient($"multi{i}")).ToList();

        var states = await Task.WhenAll(clients.Select(c => c.StartAsync(CancellationToken.None)));
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));

        Assert.All(states, s => Assert.Equal(AuthorizationState.WaitPhoneNumber, s));
        foreach (var client in clients)
        {
            Assert.Equal(AuthorizationState.Closed, (await ReadAllAsync(client)).OfType<AuthorizationStateChangedUpdate>().Last().State);
            Assert.True(File.Exists(Path.Combine(root, client.AccountId, "td.binlog")));
        }
    }

    [Fact]
    public async Task Chat_requests_before_log_in_are_refused_naming_the_state()
    {
        await using var client = NewClient("notready");
        await client.StartAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetMeAsync(CancellationToken.None));
        Assert.Contains("WaitPhoneNumber", ex.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendTextAsync(1, FormattedText.Plain("x"), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_code_before_the_phone_number_is_refused()
    {
        await using var client = NewClient("order");
        await client.StartAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitCodeAsync("12345", CancellationToken.None));
        Assert.Contains("WaitCode", ex.Message);
    }

    [Fact]
    public async Task Methods_before_start_are_refused()
    {
        await using var client = NewClient("unstarted");

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitPhoneNumberAsync("+10000000000", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_session_opened_twice_is_a_duplicated_auth_key()
    {
        await using var first = NewClient("twice");
        await first.StartAsync(CancellationToken.None);
        await using var second = NewClient("twice");

        await Assert.ThrowsAsync<AuthKeyDuplicatedException>(() => second.StartAsync(CancellationToken.None));
        Assert.Equal(AuthorizationState.WaitPhoneNumber, first.AuthorizationState);
    }

    [Fact]
    public async Task A_phone_number_waits_for_telegram_and_the_wait_can_be_cancelled()
    {
        await using var client = NewClient("phone");
        await client.StartAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SubmitPhoneNumberAsync("+10000000000", cts.Token));
    }

    [Fact]
    public async Task Recorded_updates_come_out_as_port_updates_with_albums_together_and_in_order()
    {
        // A long quiet time, so only the updates that follow end an album here (no dependence on scheduling).
        var options = Offline();
        options.AlbumBufferDelay = TimeSpan.FromSeconds(30);
        await using var client = NewClient("pipeline", options);
        await client.StartAsync(CancellationToken.None);
        Assert.Equal(new AuthorizationStateChangedUpdate(AuthorizationState.WaitPhoneNumber), await NextAsync(client));
        var sink = (ITdlibUpdateSink)client;

        sink.OnUpdate(Parse(PhotoMessage(6291456, "99", "album caption")));
        sink.OnUpdate(Parse(PhotoMessage(7340032, "99")));
        sink.OnUpdate(Parse(TextMessage));
        sink.OnUpdate(Parse(DeleteFromCacheOnly));
        sink.OnUpdate(Parse(MessageContentChanged));
        sink.OnUpdate(Parse(DeletePermanent));
        sink.OnUpdate(Parse(PhotoMessage(8388608, "100")));
        sink.OnUpdate(Parse(PhotoMessage(9437184, "100")));
        sink.OnUpdate(Parse(AuthorizationStateUpdate("authorizationStateClosing")));
        sink.OnUpdate(Parse(DeletePermanent));

        var album = Assert.IsType<NewMessagesUpdate>(await NextAsync(client));
        Assert.Equal([6L, 7L], album.Messages.Select(m => m.Id));
        Assert.Equal("album caption", album.Messages[0].Text.Text);
        var text = Assert.IsType<NewMessagesUpdate>(await NextAsync(client));
        Assert.Equal(5, Assert.Single(text.Messages).Id);
        // TDLib cannot read the message back before log-in, so the edit is applied to the copy last seen.
        var edited = Assert.IsType<MessageEditedUpdate>(await NextAsync(client));
        Assert.Equal((5L, "Hello edited"), (edited.Message.Id, edited.Message.Text.Text));
        var deleted = Assert.IsType<MessagesDeletedUpdate>(await NextAsync(client));
        Assert.Equal([5L, 6L], deleted.MessageIds);
        // Closing is no state of the port: it neither shows nor ends the album; the deletion does.
        var last = Assert.IsType<NewMessagesUpdate>(await NextAsync(client));
        Assert.Equal([8L, 9L], last.Messages.Select(m => m.Id));
        Assert.IsType<MessagesDeletedUpdate>(await NextAsync(client));
    }

    [Fact]
    public async Task A_lone_album_part_is_emitted_once_its_quiet_time_has_passed()
    {
        await using var client = NewClient("lonely");
        await client.StartAsync(CancellationToken.None);
        await NextAsync(client);

        ((ITdlibUpdateSink)client).OnUpdate(Parse(PhotoMessage(8388608, "100")));

        var update = Assert.IsType<NewMessagesUpdate>(await NextAsync(client));
        Assert.Equal(8, Assert.Single(update.Messages).Id);
    }

    [Fact]
    public async Task Messages_still_being_sent_are_not_reported_as_new()
    {
        await using var client = NewClient("pending");
        await client.StartAsync(CancellationToken.None);
        await NextAsync(client);
        var sink = (ITdlibUpdateSink)client;

        sink.OnUpdate(Parse($$"""{"@type":"updateNewMessage","@client_id":1,"message":{{PendingOutgoingMessage}}}"""));
        sink.OnUpdate(Parse(TextMessage));

        var update = Assert.IsType<NewMessagesUpdate>(await NextAsync(client));
        Assert.Equal(5, Assert.Single(update.Messages).Id);
    }

    [Fact]
    public async Task A_session_saved_after_close_restores_elsewhere_and_tdlib_opens_it()
    {
        var archive = new SessionArchive(new SessionOptions { EncryptionKey = SessionArchive.GenerateKey() });
        var first = NewClient("saved");
        await first.StartAsync(CancellationToken.None);
        await first.DisposeAsync();
        var blob = archive.Pack("saved", Path.Combine(root, "saved"));

        var elsewhere = Path.Combine(root, "silo2", "saved");
        archive.Restore("saved", blob, elsewhere);
        Assert.Equal(File.ReadAllBytes(Path.Combine(root, "saved", "td.binlog")), File.ReadAllBytes(Path.Combine(elsewhere, "td.binlog")));
        await using var second = new TdlibAccountClient(new AccountConnection("saved", 12345, "0123456789abcdef0123456789abcdef", null, elsewhere), Offline());
        var state = await second.StartAsync(CancellationToken.None);

        Assert.Equal(AuthorizationState.WaitPhoneNumber, state);
    }

    [Fact]
    public async Task A_disposed_client_cannot_start_again()
    {
        var client = NewClient("disposed");
        await client.StartAsync(CancellationToken.None);
        await client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.StartAsync(CancellationToken.None));
    }

    [Fact]
    public void Connection_without_api_credentials_is_refused_with_the_account_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TdlibAccountClient(new AccountConnection("acc-9", 0, "", null, root), Offline()));
        Assert.Contains("acc-9", ex.Message);
        Assert.Contains("ApiId", ex.Message);
    }

    [Fact]
    public async Task The_hosting_extension_makes_tdlib_the_account_client_factory_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:Tdlib:DisableNetwork"] = "true",
            ["Telegram:Tdlib:RequestTimeout"] = "00:00:20",
        }).Build();
        await using var provider = new ServiceCollection().AddLogging().AddTdlibAccountClients(configuration).BuildServiceProvider();

        var factory = provider.GetRequiredService<IAccountClientFactory>();
        await using var client = factory.Create(new AccountConnection("di", 12345, "0123456789abcdef0123456789abcdef", null, Path.Combine(root, "di")));

        Assert.IsType<TdlibAccountClientFactory>(factory);
        Assert.Equal(TimeSpan.FromSeconds(20), provider.GetRequiredService<IOptions<TdlibOptions>>().Value.RequestTimeout);
        Assert.Equal(AuthorizationState.WaitPhoneNumber, await client.StartAsync(CancellationToken.None));
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_setting()
    {
        var result = new TdlibOptionsValidator().Validate(null, new TdlibOptions { RequestTimeout = TimeSpan.Zero, LibraryPath = "/nope/libtdjson.so" });

        Assert.True(result.Failed);
        Assert.Contains("Telegram:Tdlib:RequestTimeout", result.FailureMessage);
        Assert.Contains("Telegram:Tdlib:LibraryPath", result.FailureMessage);
        Assert.Contains("bash tools/install-tdlib.sh", result.FailureMessage);
    }
}
