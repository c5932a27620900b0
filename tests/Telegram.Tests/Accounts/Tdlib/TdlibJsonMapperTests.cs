using System.Text.Json;
using Cluster.Telegram.Accounts;
using Cluster.Telegram.Accounts.Tdlib;
using static Cluster.Telegram.Tests.Accounts.Tdlib.TdlibRecordedJson;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

public sealed class TdlibJsonMapperTests
{
    private static AccountMessage MessageOf(string updateNewMessage) =>
        TdlibJsonMapper.ToMessage(Parse(updateNewMessage).GetProperty("message"));

    [Fact]
    public void Channel_text_post_maps_to_a_message_with_server_id_sender_chat_and_entities()
    {
        var m = MessageOf(TextMessage);

        Assert.Equal(-1001234567890, m.ChatId);
        Assert.Equal(5, m.Id); // TDLib's 5242880 is server message 5 (5 << 20)
        Assert.Null(m.SenderUserId);
        Assert.Equal(-1001234567890, m.SenderChatId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), m.Date);
        Assert.Null(m.EditDate);
        Assert.Equal(MediaKind.None, m.Media);
        Assert.Null(m.MediaFileId);
        Assert.Equal(0, m.MediaAlbumId);
        Assert.False(m.IsOutgoing);
        Assert.False(m.IsForwarded);
        Assert.Equal("Hello bold https://t.me/x", m.Text.Text);
        Assert.Equal(
            [new TextEntity(6, 4, "bold"), new TextEntity(11, 14, "url"), new TextEntity(0, 5, "text_link", "https://example.org/")],
            m.Text.Entities);
    }

    [Fact]
    public void Photo_album_part_maps_caption_album_id_and_the_largest_size_file()
    {
        var m = MessageOf(PhotoMessage(6291456, "13584730937432871", "first"));

        Assert.Equal(6, m.Id);
        Assert.Equal(MediaKind.Photo, m.Media);
        Assert.Equal("large-6291456", m.MediaFileId);
        Assert.Equal(13584730937432871, m.MediaAlbumId);
        Assert.Equal("first", m.Text.Text);
        Assert.Equal(777000, m.SenderUserId);
    }

    [Fact]
    public void A_forward_from_a_channel_names_the_original_post()
    {
        var m = TdlibJsonMapper.ToMessage(Parse(ForwardedVideoFromUser));

        Assert.Equal(new ForwardSource(-1009, 1), m.ForwardedFrom);
        Assert.Null(m.ReplyToMessageId);
    }

    [Theory]
    [InlineData(-1001234567890L, 7L)] // the message's own chat
    [InlineData(0L, 7L)] // a chat TDLib does not know: the same chat
    [InlineData(-1009L, null)] // a reply to another chat's message is no reply within the chat
    public void A_reply_maps_to_the_parent_of_the_same_chat(long replyChatId, long? expected)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(ScriptedTdlib.Message(-1001234567890, 9L << 20, "answer"))!.AsObject();
        json["reply_to"] = new System.Text.Json.Nodes.JsonObject
        {
            ["@type"] = "messageReplyToMessage", ["chat_id"] = replyChatId, ["message_id"] = 7L << 20, ["origin_send_date"] = 0,
        };

        var m = TdlibJsonMapper.ToMessage(Parse(json.ToJsonString()));

        Assert.Equal(expected, m.ReplyToMessageId);
        Assert.Null(m.ForwardedFrom);
    }

    [Fact]
    public void Forwarded_outgoing_video_keeps_edit_date_forward_flag_and_mention_entity()
    {
        var m = TdlibJsonMapper.ToMessage(Parse(ForwardedVideoFromUser));

        Assert.Equal(3, m.Id);
        Assert.True(m.IsOutgoing);
        Assert.True(m.IsForwarded);
        Assert.Equal(MediaKind.Video, m.Media);
        Assert.Equal("video-file", m.MediaFileId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000300), m.EditDate);
        Assert.Equal([new TextEntity(0, 4, "text_mention", "tg://user?id=99")], m.Text.Entities);
    }

    [Fact]
    public void A_message_still_being_sent_is_recognised_as_pending()
    {
        Assert.True(TdlibJsonMapper.IsPending(Parse(PendingOutgoingMessage)));
        Assert.False(TdlibJsonMapper.IsPending(Parse(TextMessage).GetProperty("message")));
    }

    [Fact]
    public void Permanent_deletion_maps_to_server_ids_and_cache_eviction_is_ignored()
    {
        var deleted = TdlibJsonMapper.ToDeletedUpdate(Parse(DeletePermanent));

        Assert.NotNull(deleted);
        Assert.Equal(-1001234567890, deleted.ChatId);
        Assert.Equal([5L, 6L], deleted.MessageIds);
        Assert.Null(TdlibJsonMapper.ToDeletedUpdate(Parse(DeleteFromCacheOnly)));
    }

    [Fact]
    public void New_content_replaces_text_and_keeps_the_rest_of_the_message()
    {
        var original = MessageOf(TextMessage);
        var update = Parse(MessageContentChanged);

        var edited = TdlibJsonMapper.WithContent(original, update.GetProperty("new_content"));

        Assert.Equal("Hello edited", edited.Text.Text);
        Assert.Equal([new TextEntity(6, 6, "italic")], edited.Text.Entities);
        Assert.Equal(original.Id, edited.Id);
        Assert.Equal(original.ChatId, edited.ChatId);
    }

    [Theory]
    [InlineData("authorizationStateWaitPhoneNumber", AuthorizationState.WaitPhoneNumber)]
    [InlineData("authorizationStateWaitCode", AuthorizationState.WaitCode)]
    [InlineData("authorizationStateWaitEmailCode", AuthorizationState.WaitCode)]
    [InlineData("authorizationStateWaitPassword", AuthorizationState.WaitPassword)]
    [InlineData("authorizationStateReady", AuthorizationState.Ready)]
    [InlineData("authorizationStateLoggingOut", AuthorizationState.LoggingOut)]
    [InlineData("authorizationStateClosed", AuthorizationState.Closed)]
    public void Authorization_states_map_to_the_port_state_machine(string tdState, AuthorizationState expected)
    {
        var update = Parse(AuthorizationStateUpdate(tdState));
        Assert.Equal(expected, TdlibJsonMapper.ToAuthorizationState(TdlibJsonMapper.AuthorizationStateType(update)));
    }

    [Fact]
    public void Wait_code_with_code_info_maps_to_wait_code()
    {
        Assert.Equal(AuthorizationState.WaitCode, TdlibJsonMapper.ToAuthorizationState(TdlibJsonMapper.AuthorizationStateType(Parse(WaitCode))));
    }

    [Theory]
    [InlineData("authorizationStateWaitTdlibParameters")]
    [InlineData("authorizationStateClosing")]
    public void Internal_authorization_states_have_no_port_state(string tdState) =>
        Assert.Null(TdlibJsonMapper.ToAuthorizationState(tdState));

    [Theory]
    [InlineData("authorizationStateWaitRegistration")]
    [InlineData("authorizationStateWaitEmailAddress")]
    [InlineData("authorizationStateWaitOtherDeviceConfirmation")]
    public void Log_in_steps_the_port_cannot_take_are_recognised(string tdState) =>
        Assert.True(TdlibJsonMapper.IsUnsupportedLoginStep(tdState));

    [Fact]
    public void Channel_where_the_account_is_an_admin_with_post_rights_can_be_posted_to()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(ChannelChat), Parse(ChannelAsAdminWhoMayPost));

        Assert.Equal(new ChatInfo(-1001234567890, ChatKind.Channel, "News", "news", IsMember: true, CanPost: true), chat);
    }

    [Fact]
    public void Channel_subscriber_is_a_member_who_cannot_post()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(ChannelChat), Parse(ChannelAsSubscriber));

        Assert.True(chat.IsMember);
        Assert.False(chat.CanPost);
    }

    [Fact]
    public void Channel_the_account_left_is_not_a_membership()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(ChannelChat), Parse(ChannelLeft));

        Assert.False(chat.IsMember);
        Assert.False(chat.CanPost);
        Assert.Null(chat.Username);
    }

    [Fact]
    public void Supergroup_member_may_post_when_the_group_allows_messages_and_first_active_username_is_used()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(SupergroupChat), Parse(SupergroupMember));

        Assert.Equal(new ChatInfo(-1009876543210, ChatKind.Supergroup, "Talk", "talk_group", true, true), chat);
    }

    [Fact]
    public void Restricted_basic_group_member_cannot_post()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(BasicGroupChat), Parse(BasicGroupRestricted));

        Assert.Equal(ChatKind.BasicGroup, chat.Kind);
        Assert.True(chat.IsMember);
        Assert.False(chat.CanPost);
    }

    [Fact]
    public void Private_chat_takes_the_username_of_the_user()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(PrivateChat), Parse(User));

        Assert.Equal(new ChatInfo(42, ChatKind.Private, "Ann", "ann", true, true), chat);
    }

    [Fact]
    public void Invite_link_of_an_unseen_channel_gives_title_and_kind_without_an_id()
    {
        var chat = TdlibJsonMapper.ToChatInfo(Parse(InviteLinkInfoUnknownChannel));

        Assert.Equal(new ChatInfo(0, ChatKind.Channel, "Secret club", null, false, false), chat);
    }

    [Fact]
    public void User_maps_to_account_user()
    {
        Assert.Equal(new AccountUser(42, "ann", "Ann", true), TdlibJsonMapper.ToUser(Parse(User)));
    }

    [Fact]
    public void Formatted_text_round_trips_through_tdlib_input_form()
    {
        var text = new FormattedText("ab cd ef gh ij", [
            new TextEntity(0, 2, "bold"),
            new TextEntity(3, 2, "text_link", "https://example.org"),
            new TextEntity(6, 2, "text_mention", "tg://user?id=5"),
            new TextEntity(9, 2, "pre", "csharp"),
            new TextEntity(12, 2, "custom_emoji", "5368324170671202286"),
        ]);

        var json = TdlibJsonMapper.FromFormattedText(text).ToJsonString();
        var back = TdlibJsonMapper.ToFormattedText(JsonDocument.Parse(json).RootElement);

        Assert.Equal(text.Text, back.Text);
        Assert.Equal(text.Entities, back.Entities);
    }

    [Fact]
    public void Entity_types_tdlib_cannot_take_as_input_are_left_out()
    {
        var json = TdlibJsonMapper.FromFormattedText(new FormattedText("x", [new TextEntity(0, 1, "no_such_type")])).ToJsonString();

        Assert.Empty(JsonDocument.Parse(json).RootElement.GetProperty("entities").EnumerateArray());
    }

    [Theory]
    [InlineData(1, 1048576)]
    [InlineData(5, 5242880)]
    [InlineData(2147483647, 2251799812636672)]
    public void Port_message_ids_are_server_ids_and_convert_back(long portId, long tdId)
    {
        Assert.Equal(portId, TdlibJsonMapper.ToPortMessageId(tdId));
        Assert.Equal(tdId, TdlibJsonMapper.ToTdMessageId(portId));
    }

    [Fact]
    public void Local_message_ids_without_a_server_id_stay_distinct_and_convert_back()
    {
        var port = TdlibJsonMapper.ToPortMessageId(5242881);

        Assert.True(port < 0);
        Assert.Equal(5242881, TdlibJsonMapper.ToTdMessageId(port));
    }
}
