using System.Text.Json;
using Cluster.Telegram.Bots.Types;
using Cluster.Telegram.Bots.Types.Requests;

namespace Cluster.Telegram.Tests.Bots;

/// <summary>The Bot API wire types read and write Telegram's JSON shapes.</summary>
/// <remarks>Samples follow core.telegram.org/bots/api; unknown fields must not break reading.</remarks>
public sealed class WireTypesTests
{
    private static readonly BotApiJsonContext Json = BotApiJsonContext.Default;

    [Fact]
    public void Update_with_message_reads_snake_case_fields_and_ignores_unknown_ones()
    {
        const string body = """
            {"ok":true,"result":[{"update_id":42,"message":{"message_id":7,"date":1700000000,"edit_date":1700000005,
              "from":{"id":1,"is_bot":false,"first_name":"Ann","brand_new_field":1},
              "chat":{"id":-1001,"type":"supergroup","title":"G"},
              "text":"hi","entities":[{"type":"bold","offset":0,"length":2}],
              "media_group_id":"m1","photo":[{"file_id":"f","file_unique_id":"u","width":1,"height":2}],
              "forward_origin":{"type":"channel","date":5,"chat":{"id":-100,"type":"channel"},"message_id":3},
              "new_chat_members":[{"id":2,"is_bot":false,"first_name":"Bob"}],
              "reply_markup":{"inline_keyboard":[[{"text":"Join","url":"https://t.me/x"}]]}}}]}
            """;

        var response = JsonSerializer.Deserialize(body, Json.ApiResponseUpdateArray)!;

        Assert.True(response.Ok);
        var message = Assert.Single(response.Result!).Message!;
        Assert.Equal(7, message.MessageId);
        Assert.Equal(1700000005, message.EditDate);
        Assert.Equal("Ann", message.From!.FirstName);
        Assert.Equal(ChatType.Supergroup, message.Chat.Type);
        Assert.Equal("bold", message.Entities![0].Type);
        Assert.Equal("m1", message.MediaGroupId);
        Assert.Equal(MessageOriginType.Channel, message.ForwardOrigin!.Type);
        Assert.Equal(3, message.ForwardOrigin.MessageId);
        Assert.Equal("Bob", message.NewChatMembers![0].FirstName);
        Assert.Equal("https://t.me/x", message.ReplyMarkup!.InlineKeyboard[0][0].Url);
    }

    [Fact]
    public void Writing_omits_nulls_and_uses_snake_case()
    {
        var request = new SendMessageRequest
        {
            ChatId = -100123,
            Text = "x",
            ReplyMarkup = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("ok", "joined")]]),
        };

        var json = JsonSerializer.Serialize(request, Json.SendMessageRequest);

        Assert.Equal("""{"chat_id":-100123,"text":"x","reply_markup":{"inline_keyboard":[[{"text":"ok","callback_data":"joined"}]]}}""", json);
    }

    [Fact]
    public void Chat_id_is_written_as_number_or_username_and_read_from_either()
    {
        Assert.Equal("""{"chat_id":"@news"}""", JsonSerializer.Serialize(new ChatRequest { ChatId = new ChatId("news") }, Json.ChatRequest));
        Assert.Equal(-5, JsonSerializer.Deserialize("""{"chat_id":"-5"}""", Json.ChatRequest)!.ChatId.Identifier);
        Assert.Equal("@news", JsonSerializer.Deserialize("""{"chat_id":"@news"}""", Json.ChatRequest)!.ChatId.Username);
    }

    [Fact]
    public void Input_media_carries_its_type_discriminator_both_ways()
    {
        var request = new SendMediaGroupRequest
        {
            ChatId = 1,
            Media = [new InputMediaPhoto { Media = "file1", Caption = "c" }, new InputMediaVideo { Media = "https://x/v.mp4" }],
        };

        var json = JsonSerializer.Serialize(request, Json.SendMediaGroupRequest);
        Assert.Contains("""{"type":"photo","media":"file1","caption":"c"}""", json);
        Assert.Contains("""{"type":"video","media":"https://x/v.mp4"}""", json);

        var back = JsonSerializer.Deserialize("""{"chat_id":1,"media":[{"media":"f","type":"document"}]}""", Json.SendMediaGroupRequest)!;
        Assert.IsType<InputMediaDocument>(Assert.Single(back.Media));
    }

    [Fact]
    public void Chat_member_update_reads_status_rights_and_invite_link()
    {
        const string body = """
            {"update_id":1,"chat_member":{"chat":{"id":-1,"type":"supergroup"},"from":{"id":9,"is_bot":false,"first_name":"U"},"date":3,
              "old_chat_member":{"status":"left","user":{"id":9,"is_bot":false,"first_name":"U"}},
              "new_chat_member":{"status":"restricted","user":{"id":9,"is_bot":false,"first_name":"U"},"is_member":true,
                 "can_send_messages":false,"can_send_photos":false,"until_date":0},
              "invite_link":{"invite_link":"https://t.me/+abc","creator":{"id":1,"is_bot":true,"first_name":"B"},
                 "creates_join_request":false,"is_primary":false,"is_revoked":false},"via_join_request":true}}
            """;

        var update = JsonSerializer.Deserialize(body, Json.Update)!;

        Assert.Equal(UpdateType.ChatMember, update.Type);
        var change = update.ChatMember!;
        Assert.Equal(ChatMemberStatus.Left, change.OldChatMember.Status);
        Assert.False(change.OldChatMember.IsInChat);
        Assert.Equal(ChatMemberStatus.Restricted, change.NewChatMember.Status);
        Assert.True(change.NewChatMember.IsInChat);
        Assert.False(change.NewChatMember.CanSendMessages);
        Assert.Equal("https://t.me/+abc", change.InviteLink!.InviteLink);
        Assert.True(change.ViaJoinRequest);
    }

    [Fact]
    public void Error_envelope_reads_code_description_and_parameters()
    {
        const string body = """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}""";

        var response = JsonSerializer.Deserialize(body, Json.ApiResponseJsonElement)!;

        Assert.False(response.Ok);
        Assert.Equal(429, response.ErrorCode);
        Assert.Equal(5, response.Parameters!.RetryAfter);
    }

    [Fact]
    public void Message_id_result_uses_the_message_id_field()
    {
        Assert.Equal("""{"message_id":12}""", JsonSerializer.Serialize(new MessageId { Id = 12 }, Json.MessageId));
    }
}
