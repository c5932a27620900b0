using System.Text.Json.Nodes;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Tdlib;
using static Cluster.Telegram.Tests.Accounts.Tdlib.ScriptedTdlib;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>The TDLib client driven by a scripted TDLib (no native library, no network): log-in, sending,
/// history, forwarding and edits as TDLib 1.8.65 answers them.</summary>
public sealed class TdlibAccountClientScriptedTests : IAsyncDisposable
{
    private const long Chat = -1001234567890;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ScriptedTdlib tdlib = new();
    private readonly string directory = Path.Combine(Path.GetTempPath(), "tdlib-scripted-" + Guid.NewGuid().ToString("N"));
    private readonly TdlibAccountClient client;

    public TdlibAccountClientScriptedTests()
    {
        client = new TdlibAccountClient(
            new AccountConnection("acc-1", 12345, "0123456789abcdef0123456789abcdef", "+10000000000", directory),
            new TdlibOptions { AlbumBufferDelay = TimeSpan.FromMilliseconds(200), RequestTimeout = Timeout },
            null, null, tdlib);
    }

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<AccountUpdate> NextAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await client.Updates.ReadAsync(cts.Token);
    }

    private async Task StartReadyAsync()
    {
        tdlib.StateAfterParameters = "authorizationStateReady";
        Assert.Equal(AuthorizationState.Ready, await client.StartAsync(CancellationToken.None));
        Assert.Equal(new AuthorizationStateChangedUpdate(AuthorizationState.Ready), await NextAsync());
    }

    [Fact]
    public async Task Log_in_walks_phone_code_and_password_to_ready_reporting_each_state()
    {
        tdlib.On("setAuthenticationPhoneNumber", _ => { tdlib.PushState("authorizationStateWaitCode"); return Ok; });
        tdlib.On("checkAuthenticationCode", r => (string)r["code"]! == "22222"
            ? Then(() => tdlib.PushState("authorizationStateWaitPassword"))
            : Error(400, "PHONE_CODE_INVALID"));
        tdlib.On("checkAuthenticationPassword", r => (string)r["password"]! == "secret"
            ? Then(() => tdlib.PushState("authorizationStateReady"))
            : Error(400, "PASSWORD_HASH_INVALID"));

        Assert.Equal(AuthorizationState.WaitPhoneNumber, await client.StartAsync(CancellationToken.None));
        Assert.Equal(AuthorizationState.WaitCode, await client.SubmitPhoneNumberAsync("+10000000000", CancellationToken.None));
        await Assert.ThrowsAsync<LoginException>(() => client.SubmitCodeAsync("11111", CancellationToken.None));
        Assert.Equal(AuthorizationState.WaitCode, client.AuthorizationState);
        Assert.Equal(AuthorizationState.WaitPassword, await client.SubmitCodeAsync("22222", CancellationToken.None));
        await Assert.ThrowsAsync<LoginException>(() => client.SubmitPasswordAsync("bad", CancellationToken.None));
        Assert.Equal(AuthorizationState.Ready, await client.SubmitPasswordAsync("secret", CancellationToken.None));

        Assert.Equal(
            [AuthorizationState.WaitPhoneNumber, AuthorizationState.WaitCode, AuthorizationState.WaitPassword, AuthorizationState.Ready],
            [((AuthorizationStateChangedUpdate)await NextAsync()).State, ((AuthorizationStateChangedUpdate)await NextAsync()).State,
             ((AuthorizationStateChangedUpdate)await NextAsync()).State, ((AuthorizationStateChangedUpdate)await NextAsync()).State]);
    }

    private static string Then(Action push)
    {
        push();
        return Ok;
    }

    [Fact]
    public async Task Tdlib_gets_its_parameters_with_the_session_directory_and_message_database()
    {
        await client.StartAsync(CancellationToken.None);

        var parameters = Assert.Single(tdlib.RequestsOf("setTdlibParameters"));
        Assert.Equal(12345, (int)parameters["api_id"]!);
        Assert.Equal(Path.GetFullPath(directory), (string)parameters["database_directory"]!);
        Assert.Equal(Path.Combine(Path.GetFullPath(directory), "files"), (string)parameters["files_directory"]!);
        Assert.True((bool)parameters["use_message_database"]!);
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public async Task A_phone_number_without_an_account_ends_log_in_with_a_login_exception()
    {
        tdlib.On("setAuthenticationPhoneNumber", _ => { tdlib.PushState("authorizationStateWaitCode"); return Ok; });
        tdlib.On("checkAuthenticationCode", _ => Then(() => tdlib.PushState("authorizationStateWaitRegistration")));
        await client.StartAsync(CancellationToken.None);
        await client.SubmitPhoneNumberAsync("+10000000000", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<LoginException>(() => client.SubmitCodeAsync("22222", CancellationToken.None));
        Assert.Contains("PHONE_NUMBER_UNOCCUPIED", ex.Message);
    }

    [Fact]
    public async Task Log_out_passes_through_logging_out_to_closed_and_ends_the_update_stream()
    {
        tdlib.On("logOut", _ =>
        {
            tdlib.PushState("authorizationStateLoggingOut");
            tdlib.PushLater(
                TdlibRecordedJson.AuthorizationStateUpdate("authorizationStateClosing"),
                TdlibRecordedJson.AuthorizationStateUpdate("authorizationStateClosed"));
            return Ok;
        });
        await StartReadyAsync();

        await client.LogOutAsync(CancellationToken.None);

        Assert.Equal(AuthorizationState.Closed, client.AuthorizationState);
        Assert.Equal(new AuthorizationStateChangedUpdate(AuthorizationState.LoggingOut), await NextAsync());
        Assert.Equal(new AuthorizationStateChangedUpdate(AuthorizationState.Closed), await NextAsync());
        using var cts = new CancellationTokenSource(Timeout);
        Assert.False(await client.Updates.WaitToReadAsync(cts.Token));
    }

    [Fact]
    public async Task A_sent_text_is_returned_as_telegram_confirmed_it_and_reported_as_new()
    {
        tdlib.On("sendMessage", r =>
        {
            tdlib.PushLater(SendSucceeded(Message(Chat, 15L << 20, "hello", outgoing: true), 15728641));
            return Message(Chat, 15728641, "hello", pendingOrFailed: Pending, outgoing: true);
        });
        await StartReadyAsync();

        var sent = await client.SendTextAsync(Chat, new FormattedText("hello", [new TextEntity(0, 5, "bold")]), null, CancellationToken.None);

        Assert.Equal((Chat, 15L, "hello", true), (sent.ChatId, sent.Id, sent.Text.Text, sent.IsOutgoing));
        var request = Assert.Single(tdlib.RequestsOf("sendMessage"));
        Assert.Equal("inputMessageText", (string)request["input_message_content"]!["@type"]!);
        Assert.Equal("textEntityTypeBold", (string)request["input_message_content"]!["text"]!["entities"]![0]!["type"]!["@type"]!);
        var reported = Assert.IsType<NewMessagesUpdate>(await NextAsync());
        Assert.Equal(15, Assert.Single(reported.Messages).Id);
    }

    [Fact]
    public async Task A_send_telegram_refuses_later_becomes_a_typed_exception()
    {
        tdlib.On("sendMessage", _ =>
        {
            tdlib.PushLater("{\"@type\":\"updateMessageSendFailed\",\"message\":" + Message(Chat, 15728641, "x") +
                ",\"old_message_id\":15728641,\"error\":{\"@type\":\"error\",\"code\":429,\"message\":\"Too Many Requests: retry after 12\"}}");
            return Message(Chat, 15728641, "x", pendingOrFailed: Pending, outgoing: true);
        });
        await StartReadyAsync();

        var ex = await Assert.ThrowsAsync<FloodWaitException>(() => client.SendTextAsync(Chat, FormattedText.Plain("x"), null, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
    }

    [Fact]
    public async Task A_refused_request_becomes_a_typed_exception()
    {
        tdlib.On("sendMessage", _ => Error(403, "CHAT_WRITE_FORBIDDEN"));
        await StartReadyAsync();

        await Assert.ThrowsAsync<ChatWriteForbiddenException>(() => client.SendTextAsync(Chat, FormattedText.Plain("x"), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_user_is_resolved_by_phone_username_or_id_and_its_private_chat_opened()
    {
        const string user = "{\"@type\":\"user\",\"id\":777000111,\"first_name\":\"Ann\",\"usernames\":{\"@type\":\"usernames\",\"active_usernames\":[\"ann_reader\"],\"editable_username\":\"ann_reader\"},\"is_premium\":false}";
        var asked = new List<string>();
        tdlib.On("searchUserByPhoneNumber", r => { asked.Add("phone " + (string)r["phone_number"]!); return user; });
        tdlib.On("searchPublicChat", r => { asked.Add("username " + (string)r["username"]!); return "{\"@type\":\"chat\",\"id\":777000111,\"type\":{\"@type\":\"chatTypePrivate\",\"user_id\":777000111},\"title\":\"Ann\"}"; });
        tdlib.On("getUser", r => { asked.Add("user " + (long)r["user_id"]!); return user; });
        tdlib.On("createPrivateChat", r => { asked.Add("chat " + (long)r["user_id"]!); return "{\"@type\":\"chat\",\"id\":777000111,\"type\":{\"@type\":\"chatTypePrivate\",\"user_id\":777000111},\"title\":\"Ann\"}"; });
        await StartReadyAsync();

        Assert.Equal(777000111, (await client.ResolveUserAsync("+1 (555) 010-0200", CancellationToken.None)).Id);
        Assert.Equal("Ann", (await client.ResolveUserAsync("@ann_reader", CancellationToken.None)).FirstName);
        await client.ResolveUserAsync("777000111", CancellationToken.None);
        Assert.Equal(["phone 15550100200", "chat 777000111", "username ann_reader", "user 777000111", "chat 777000111", "user 777000111", "chat 777000111"], asked);
    }

    [Theory]
    [InlineData("USER_PRIVACY_RESTRICTED", typeof(UserPrivacyRestrictedException))]
    [InlineData("USER_IS_BLOCKED", typeof(UserBlockedException))]
    [InlineData("PHONE_NOT_OCCUPIED", typeof(ChatNotFoundException))]
    [InlineData("PEER_FLOOD", typeof(PeerFloodException))]
    public async Task Refusals_of_a_private_message_become_typed_exceptions(string error, Type expected)
    {
        tdlib.On("sendMessage", _ => Error(400, error));
        await StartReadyAsync();

        var ex = await Assert.ThrowsAnyAsync<TelegramAccountException>(() => client.SendTextAsync(777000111, FormattedText.Plain("x"), null, CancellationToken.None));
        Assert.IsType(expected, ex);
    }

    private void ScriptHistory(int count, int firstPageCap = int.MaxValue)
    {
        var ids = Enumerable.Range(1, count).Select(i => (long)i << 20).ToList();
        var calls = 0;
        tdlib.On("getChat", _ => TdlibRecordedJson.ChannelChat);
        tdlib.On("getChatHistory", r =>
        {
            var from = (long)r["from_message_id"]!;
            var offset = (int)r["offset"]!;
            var limit = (int)r["limit"]!;
            Assert.True(offset <= 0 && limit >= -offset, "TDLib requires limit >= -offset");
            var newer = ids.Where(id => id > from).Take(-offset).Reverse();
            var older = ids.Where(id => id <= from).Reverse();
            var page = newer.Concat(older).Take(limit).Take(calls++ == 0 ? firstPageCap : int.MaxValue);
            return Messages(page.Select(id => Message(Chat, id, $"m{id >> 20}")));
        });
    }

    [Fact]
    public async Task History_after_a_message_comes_oldest_first_across_pages()
    {
        ScriptHistory(250);
        await StartReadyAsync();

        var messages = await client.GetHistoryAsync(Chat, 100, 120, CancellationToken.None);

        Assert.Equal(Enumerable.Range(101, 120).Select(i => (long)i), messages.Select(m => m.Id));
        Assert.True(tdlib.RequestsOf("getChatHistory").Count() >= 2);
    }

    [Fact]
    public async Task History_stops_at_the_newest_message_and_survives_a_short_first_page()
    {
        ScriptHistory(250, firstPageCap: 1);
        await StartReadyAsync();

        var messages = await client.GetHistoryAsync(Chat, 240, 50, CancellationToken.None);

        Assert.Equal(Enumerable.Range(241, 10).Select(i => (long)i), messages.Select(m => m.Id));
    }

    [Fact]
    public async Task History_from_the_start_begins_with_the_oldest_messages()
    {
        ScriptHistory(30);
        await StartReadyAsync();

        var messages = await client.GetHistoryAsync(Chat, 0, 5, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], messages.Select(m => m.Id));
    }

    private void ScriptConfirmations()
    {
        var next = 100L;
        string Pend(JsonObject r, JsonNode? content)
        {
            var local = (++next << 20) + 1;
            var final = Message((long)r["chat_id"]!, next << 20, "copy", outgoing: true, album: content?["@type"]?.ToString() == "inputMessageForwarded" ? "0" : "0");
            tdlib.PushLater(SendSucceeded(final, local));
            return Message((long)r["chat_id"]!, local, "copy", pendingOrFailed: Pending, outgoing: true);
        }
        tdlib.On("sendMessage", r => Pend(r, r["input_message_content"]));
        tdlib.On("sendMessageAlbum", r => Messages(r["input_message_contents"]!.AsArray().Select(c => Pend(r, c))));
        tdlib.On("forwardMessages", r => Messages(r["message_ids"]!.AsArray().Select(_ => Pend(r, null))));
    }

    [Fact]
    public async Task A_copy_with_new_captions_keeps_the_album_together_and_sends_the_rest_alone()
    {
        const long source = -100777;
        tdlib.On("getMessages", _ => Messages([
            Message(source, 1L << 20, album: "55", content: PhotoContent("one", "f1")),
            Message(source, 2L << 20, album: "55", content: PhotoContent("two", "f2")),
            Message(source, 3L << 20, content: PhotoContent("three", "f3")),
        ]));
        ScriptConfirmations();
        await StartReadyAsync();

        var copies = await client.ForwardMessagesAsync(Chat, source, [3, 1, 2],
            new ForwardOptions(SendCopy: true, new Dictionary<long, FormattedText> { [1] = FormattedText.Plain("new caption") }), CancellationToken.None);

        Assert.Equal([101L, 102L, 103L], copies.Select(m => m.Id));
        var album = Assert.Single(tdlib.RequestsOf("sendMessageAlbum"));
        var parts = album["input_message_contents"]!.AsArray();
        Assert.Equal([1L << 20, 2L << 20], parts.Select(p => (long)p!["message_id"]!));
        Assert.True((bool)parts[0]!["copy_options"]!["send_copy"]!);
        Assert.True((bool)parts[0]!["copy_options"]!["replace_caption"]!);
        Assert.Equal("new caption", (string)parts[0]!["copy_options"]!["new_caption"]!["text"]!);
        Assert.False((bool)parts[1]!["copy_options"]!["replace_caption"]!);
        var single = Assert.Single(tdlib.RequestsOf("sendMessage"));
        Assert.Equal(3L << 20, (long)single["input_message_content"]!["message_id"]!);
    }

    [Fact]
    public async Task A_forward_with_header_is_one_forward_request_in_id_order()
    {
        ScriptConfirmations();
        await StartReadyAsync();

        var forwarded = await client.ForwardMessagesAsync(Chat, -100777, [9, 8], ForwardOptions.WithHeader, CancellationToken.None);

        Assert.Equal(2, forwarded.Count);
        var request = Assert.Single(tdlib.RequestsOf("forwardMessages"));
        Assert.False((bool)request["send_copy"]!);
        Assert.Equal([8L << 20, 9L << 20], request["message_ids"]!.AsArray().Select(n => (long)n!));
    }

    [Fact]
    public async Task A_text_sent_as_a_reply_names_the_parent_in_reply_to()
    {
        ScriptConfirmations();
        await StartReadyAsync();

        await client.SendTextAsync(Chat, FormattedText.Plain("answer"), 7, CancellationToken.None);

        var request = Assert.Single(tdlib.RequestsOf("sendMessage"));
        Assert.Equal("inputMessageReplyToMessage", (string)request["reply_to"]!["@type"]!);
        Assert.Equal(7L << 20, (long)request["reply_to"]!["message_id"]!);
    }

    [Fact]
    public async Task A_copy_as_a_reply_is_sent_with_send_message_and_an_album_copy_with_send_message_album_all_replying()
    {
        const long source = -100777;
        tdlib.On("getMessages", r => Messages(r["message_ids"]!.AsArray().Select(id => (long)id! switch
        {
            var i when i == 1L << 20 || i == 2L << 20 => Message(source, i, album: "55", content: PhotoContent("part", "f" + i)),
            var i => Message(source, i, "single"),
        })));
        ScriptConfirmations();
        await StartReadyAsync();

        await client.ForwardMessagesAsync(Chat, source, [3], new ForwardOptions(SendCopy: true, ReplyToMessageId: 40), CancellationToken.None);
        await client.ForwardMessagesAsync(Chat, source, [1, 2], new ForwardOptions(SendCopy: true, ReplyToMessageId: 41), CancellationToken.None);

        // forwardMessages takes no reply_to: copies that reply go through sendMessage / sendMessageAlbum.
        Assert.Empty(tdlib.RequestsOf("forwardMessages"));
        var single = Assert.Single(tdlib.RequestsOf("sendMessage"));
        Assert.Equal(40L << 20, (long)single["reply_to"]!["message_id"]!);
        Assert.Equal("inputMessageForwarded", (string)single["input_message_content"]!["@type"]!);
        Assert.True((bool)single["input_message_content"]!["copy_options"]!["send_copy"]!);
        Assert.False((bool)single["input_message_content"]!["copy_options"]!["replace_caption"]!);
        var album = Assert.Single(tdlib.RequestsOf("sendMessageAlbum"));
        Assert.Equal(41L << 20, (long)album["reply_to"]!["message_id"]!);
        Assert.Equal([1L << 20, 2L << 20], album["input_message_contents"]!.AsArray().Select(p => (long)p!["message_id"]!));
    }

    [Fact]
    public async Task A_reply_telegram_refuses_as_invalid_is_sent_again_as_a_plain_message()
    {
        var attempts = 0;
        tdlib.On("sendMessage", r =>
        {
            attempts++;
            if (r["reply_to"] is not null)
            {
                tdlib.PushLater("{\"@type\":\"updateMessageSendFailed\",\"message\":" + Message(Chat, 15728641, "x") +
                    ",\"old_message_id\":15728641,\"error\":{\"@type\":\"error\",\"code\":400,\"message\":\"REPLY_MESSAGE_ID_INVALID\"}}");
                return Message(Chat, 15728641, "x", pendingOrFailed: Pending, outgoing: true);
            }
            tdlib.PushLater(SendSucceeded(Message(Chat, 16L << 20, "x", outgoing: true), 16777217));
            return Message(Chat, 16777217, "x", pendingOrFailed: Pending, outgoing: true);
        });
        await StartReadyAsync();

        var sent = await client.SendTextAsync(Chat, FormattedText.Plain("x"), 9, CancellationToken.None);

        Assert.Equal(16, sent.Id);
        Assert.Equal(2, attempts);
        Assert.Null(tdlib.RequestsOf("sendMessage").Last()["reply_to"]);
    }

    [Fact]
    public async Task A_reply_with_the_forward_header_is_refused()
    {
        await StartReadyAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => client.ForwardMessagesAsync(Chat, -100777, [1],
            new ForwardOptions(false, ReplyToMessageId: 5), CancellationToken.None));
        Assert.Empty(tdlib.RequestsOf("forwardMessages"));
    }

    [Fact]
    public async Task Recent_messages_are_read_newest_first_from_the_last_message_going_on_after_a_short_page()
    {
        tdlib.On("getChat", _ => TdlibRecordedJson.ChannelChat);
        tdlib.On("getChatHistory", r => (long)r["from_message_id"]! switch
        {
            // TDLib answers the first page short, from memory.
            0 => Messages([Message(Chat, 30L << 20, "c", outgoing: true), Message(Chat, 29L << 20, "b")]),
            var from when from == 29L << 20 => Messages([Message(Chat, 29L << 20, "b"), Message(Chat, 28L << 20, "a")]),
            _ => Messages([]),
        });
        await StartReadyAsync();

        var recent = await client.GetRecentMessagesAsync(Chat, 3, CancellationToken.None);

        Assert.Equal([30L, 29L, 28L], recent.Select(m => m.Id));
        var first = tdlib.RequestsOf("getChatHistory").First();
        Assert.Equal((0L, 0L), ((long)first["from_message_id"]!, (long)first["offset"]!));
    }

    [Fact]
    public async Task New_captions_without_copying_are_refused()
    {
        await StartReadyAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => client.ForwardMessagesAsync(Chat, -100777, [1],
            new ForwardOptions(false, new Dictionary<long, FormattedText> { [1] = FormattedText.Plain("x") }), CancellationToken.None));
    }

    [Fact]
    public async Task A_username_resolves_with_membership_from_the_supergroup()
    {
        tdlib.On("searchPublicChat", r => (string)r["username"]! == "news" ? TdlibRecordedJson.ChannelChat : Error(400, "USERNAME_NOT_OCCUPIED"));
        tdlib.On("getSupergroup", _ => TdlibRecordedJson.ChannelAsSubscriber);
        await StartReadyAsync();

        var chat = await client.ResolveChatAsync("https://t.me/news", CancellationToken.None);

        Assert.Equal(new ChatInfo(Chat, ChatKind.Channel, "News", "news", true, false), chat);
        await Assert.ThrowsAsync<UsernameNotOccupiedException>(() => client.ResolveChatAsync("@nobody_here", CancellationToken.None));
    }

    [Fact]
    public async Task A_username_tdlib_knows_is_free_is_reported_as_not_occupied()
    {
        tdlib.On("searchPublicChat", _ => Error(400, "Chat not found"));
        await StartReadyAsync();

        await Assert.ThrowsAsync<UsernameNotOccupiedException>(() => client.ResolveChatAsync("@gone_name", CancellationToken.None));
    }

    [Fact]
    public async Task Joining_a_public_channel_joins_only_when_not_a_member()
    {
        var joined = false;
        tdlib.On("searchPublicChat", _ => TdlibRecordedJson.ChannelChat);
        tdlib.On("getChat", _ => TdlibRecordedJson.ChannelChat);
        tdlib.On("getSupergroup", _ => joined ? TdlibRecordedJson.ChannelAsSubscriber : TdlibRecordedJson.ChannelLeft);
        tdlib.On("joinChat", _ => { joined = true; return Ok; });
        await StartReadyAsync();

        var first = await client.JoinChatAsync("@news", CancellationToken.None);
        var again = await client.JoinChatAsync("@news", CancellationToken.None);

        Assert.True(first.IsMember);
        Assert.True(again.IsMember);
        Assert.Equal(Chat, (long)Assert.Single(tdlib.RequestsOf("joinChat"))["chat_id"]!);
    }

    [Fact]
    public async Task Joining_by_invite_link_uses_the_link_and_tolerates_being_a_member_already()
    {
        tdlib.On("joinChatByInviteLink", _ => Error(400, "USER_ALREADY_PARTICIPANT"));
        tdlib.On("checkChatInviteLink", _ => """{"@type":"chatInviteLinkInfo","chat_id":-1001234567890,"type":{"@type":"inviteLinkChatTypeChannel"},"title":"News"}""");
        tdlib.On("getChat", _ => TdlibRecordedJson.ChannelChat);
        tdlib.On("getSupergroup", _ => TdlibRecordedJson.ChannelAsSubscriber);
        await StartReadyAsync();

        var chat = await client.JoinChatAsync("https://t.me/joinchat/AbCd", CancellationToken.None);

        Assert.Equal(Chat, chat.Id);
        Assert.Equal("https://t.me/+AbCd", (string)Assert.Single(tdlib.RequestsOf("joinChatByInviteLink"))["invite_link"]!);
    }

    [Fact]
    public async Task Editing_media_changes_its_caption_and_editing_text_changes_the_text()
    {
        tdlib.On("getMessage", r => (long)r["message_id"]! == 1L << 20
            ? Message(Chat, 1L << 20, content: PhotoContent("old", "f"))
            : Message(Chat, 2L << 20, "old"));
        tdlib.On("editMessageCaption", r => Message(Chat, (long)r["message_id"]!, content: PhotoContent((string)r["caption"]!["text"]!, "f")));
        tdlib.On("editMessageText", r => Message(Chat, (long)r["message_id"]!, (string)r["input_message_content"]!["text"]!["text"]!));
        await StartReadyAsync();

        var photo = await client.EditTextAsync(Chat, 1, FormattedText.Plain("new caption"), CancellationToken.None);
        var text = await client.EditTextAsync(Chat, 2, FormattedText.Plain("new text"), CancellationToken.None);

        Assert.Equal(("new caption", MediaKind.Photo), (photo.Text.Text, photo.Media));
        Assert.Equal("new text", text.Text.Text);
        Assert.Single(tdlib.RequestsOf("editMessageCaption"));
        Assert.Single(tdlib.RequestsOf("editMessageText"));
    }

    [Fact]
    public async Task Deleting_revokes_for_everyone_with_tdlib_ids()
    {
        tdlib.On("deleteMessages", _ => Ok);
        await StartReadyAsync();

        await client.DeleteMessagesAsync(Chat, [4, 5], CancellationToken.None);

        var request = Assert.Single(tdlib.RequestsOf("deleteMessages"));
        Assert.True((bool)request["revoke"]!);
        Assert.Equal([4L << 20, 5L << 20], request["message_ids"]!.AsArray().Select(n => (long)n!));
    }

    [Fact]
    public async Task One_edit_that_tdlib_reports_twice_is_one_edited_update()
    {
        tdlib.On("getMessage", _ => Message(Chat, 5L << 20, "Hello edited").Replace("\"edit_date\":0", "\"edit_date\":1700000500"));
        await StartReadyAsync();

        tdlib.Push(TdlibRecordedJson.MessageContentChanged);
        tdlib.Push("""{"@type":"updateMessageEdited","chat_id":-1001234567890,"message_id":5242880,"edit_date":1700000500}""");
        tdlib.Push(TdlibRecordedJson.TextMessage);

        var edited = Assert.IsType<MessageEditedUpdate>(await NextAsync());
        Assert.Equal(("Hello edited", DateTimeOffset.FromUnixTimeSeconds(1700000500)), (edited.Message.Text.Text, edited.Message.EditDate!.Value));
        Assert.IsType<NewMessagesUpdate>(await NextAsync());
    }

    [Fact]
    public async Task The_logged_in_user_is_read_with_get_me()
    {
        tdlib.On("getMe", _ => TdlibRecordedJson.User);
        await StartReadyAsync();

        Assert.Equal(new AccountUser(42, "ann", "Ann", true), await client.GetMeAsync(CancellationToken.None));
    }
}
