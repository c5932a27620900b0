using System.Text.Json;

namespace Cluster.Telegram.Tests.Accounts.Tdlib;

/// <summary>TDLib 1.8.65 JSON as td_receive returns it (fields trimmed to those the adapter reads plus
/// some it must ignore). int64 values are strings, as TDLib writes them.</summary>
internal static class TdlibRecordedJson
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public const string TextMessage = """
    {"@type":"updateNewMessage","@client_id":1,"message":{"@type":"message","id":5242880,
     "sender_id":{"@type":"messageSenderChat","chat_id":-1001234567890},"chat_id":-1001234567890,
     "is_outgoing":false,"is_pinned":false,"is_from_offline":false,"can_be_saved":true,"is_channel_post":true,
     "date":1700000000,"edit_date":0,"unread_reactions":[],"self_destruct_in":0,"auto_delete_in":0,"via_bot_user_id":0,
     "sender_boost_count":0,"author_signature":"","media_album_id":"0","effect_id":"0",
     "content":{"@type":"messageText","text":{"@type":"formattedText","text":"Hello bold https://t.me/x",
       "entities":[{"@type":"textEntity","offset":6,"length":4,"type":{"@type":"textEntityTypeBold"}},
                   {"@type":"textEntity","offset":11,"length":14,"type":{"@type":"textEntityTypeUrl"}},
                   {"@type":"textEntity","offset":0,"length":5,"type":{"@type":"textEntityTypeTextUrl","url":"https://example.org/"}}]}}}}
    """;

    public static string PhotoMessage(long tdId, string albumId, string caption = "") => $$$"""
    {"@type":"updateNewMessage","@client_id":1,"message":{"@type":"message","id":{{{tdId}}},
     "sender_id":{"@type":"messageSenderUser","user_id":777000},"chat_id":-1001234567890,
     "is_outgoing":false,"date":1700000100,"edit_date":0,"media_album_id":"{{{albumId}}}",
     "content":{"@type":"messagePhoto","photo":{"@type":"photo","has_stickers":false,"sizes":[
        {"@type":"photoSize","type":"m","photo":{"@type":"file","id":11,"size":1000,"expected_size":1000,
          "local":{"@type":"localFile","path":""},"remote":{"@type":"remoteFile","id":"small-{{{tdId}}}","unique_id":"s"}},"width":320,"height":240,"progressive_sizes":[]},
        {"@type":"photoSize","type":"y","photo":{"@type":"file","id":12,"size":90000,"expected_size":90000,
          "local":{"@type":"localFile","path":""},"remote":{"@type":"remoteFile","id":"large-{{{tdId}}}","unique_id":"l"}},"width":1280,"height":960,"progressive_sizes":[]}]},
       "caption":{"@type":"formattedText","text":"{{{caption}}}","entities":[]},"show_caption_above_media":false,"has_spoiler":false,"is_secret":false} } }
    """;

    public const string ForwardedVideoFromUser = """
    {"@type":"message","id":3145728,"sender_id":{"@type":"messageSenderUser","user_id":42},"chat_id":42,
     "is_outgoing":true,"date":1700000200,"edit_date":1700000300,
     "forward_info":{"@type":"messageForwardInfo","origin":{"@type":"messageOriginChannel","chat_id":-1009,"message_id":1048576,"author_signature":""},"date":1690000000,"public_service_announcement_type":""},
     "media_album_id":"0",
     "content":{"@type":"messageVideo","video":{"@type":"video","duration":5,"width":640,"height":360,"file_name":"v.mp4","mime_type":"video/mp4",
       "has_stickers":false,"supports_streaming":true,"video":{"@type":"file","id":20,"size":5,"expected_size":5,
       "local":{"@type":"localFile"},"remote":{"@type":"remoteFile","id":"video-file","unique_id":"v"}}},
       "alternative_videos":[],"storyboards":[],"start_timestamp":0,
       "caption":{"@type":"formattedText","text":"clip","entities":[{"@type":"textEntity","offset":0,"length":4,"type":{"@type":"textEntityTypeMentionName","user_id":99}}]},
       "show_caption_above_media":false,"has_spoiler":false,"is_secret":false}}
    """;

    public const string PendingOutgoingMessage = """
    {"@type":"message","id":5242881,"sender_id":{"@type":"messageSenderUser","user_id":42},"chat_id":-100555,
     "sending_state":{"@type":"messageSendingStatePending","sending_id":0},
     "is_outgoing":true,"date":1700000400,"edit_date":0,"media_album_id":"0",
     "content":{"@type":"messageText","text":{"@type":"formattedText","text":"hi","entities":[]}}}
    """;

    public const string DeletePermanent = """
    {"@type":"updateDeleteMessages","chat_id":-1001234567890,"message_ids":[5242880,6291456],"is_permanent":true,"from_cache":false,"@client_id":1}
    """;

    public const string DeleteFromCacheOnly = """
    {"@type":"updateDeleteMessages","chat_id":-1001234567890,"message_ids":[5242880],"is_permanent":false,"from_cache":true,"@client_id":1}
    """;

    public const string MessageContentChanged = """
    {"@type":"updateMessageContent","chat_id":-1001234567890,"message_id":5242880,"@client_id":1,
     "new_content":{"@type":"messageText","text":{"@type":"formattedText","text":"Hello edited","entities":[
       {"@type":"textEntity","offset":6,"length":6,"type":{"@type":"textEntityTypeItalic"}}]}}}
    """;

    public static string AuthorizationStateUpdate(string state) =>
        $$"""{"@type":"updateAuthorizationState","authorization_state":{"@type":"{{state}}"},"@client_id":1}""";

    public const string WaitCode = """
    {"@type":"updateAuthorizationState","@client_id":1,"authorization_state":{"@type":"authorizationStateWaitCode",
     "code_info":{"@type":"authenticationCodeInfo","phone_number":"+10000000000","type":{"@type":"authenticationCodeTypeTelegramMessage","length":5},"timeout":0}}}
    """;

    public static string Error(int code, string message) =>
        new System.Text.Json.Nodes.JsonObject { ["@type"] = "error", ["code"] = code, ["message"] = message, ["@extra"] = 7, ["@client_id"] = 1 }.ToJsonString();

    public const string ChannelChat = """
    {"@type":"chat","id":-1001234567890,"type":{"@type":"chatTypeSupergroup","supergroup_id":1234567890,"is_channel":true},
     "title":"News","accent_color_id":0,"background_custom_emoji_id":"0","profile_accent_color_id":-1,"profile_background_custom_emoji_id":"0",
     "permissions":{"@type":"chatPermissions","can_send_basic_messages":false},"positions":[],"chat_lists":[],"unread_count":0}
    """;

    public const string ChannelAsAdminWhoMayPost = """
    {"@type":"supergroup","id":1234567890,"usernames":{"@type":"usernames","active_usernames":["news"],"disabled_usernames":[],"editable_username":"news","collectible_usernames":[]},
     "date":1600000000,"status":{"@type":"chatMemberStatusAdministrator","can_be_edited":false,
       "rights":{"@type":"chatAdministratorRights","can_manage_chat":true,"can_post_messages":true,"can_edit_messages":true,"can_delete_messages":true}},
     "member_count":10,"is_channel":true}
    """;

    public const string ChannelAsSubscriber = """
    {"@type":"supergroup","id":1234567890,"usernames":{"@type":"usernames","active_usernames":["news"],"disabled_usernames":[],"editable_username":"news","collectible_usernames":[]},
     "status":{"@type":"chatMemberStatusMember","member_until_date":0},"is_channel":true}
    """;

    public const string ChannelLeft = """
    {"@type":"supergroup","id":1234567890,"status":{"@type":"chatMemberStatusLeft"},"is_channel":true}
    """;

    public const string SupergroupChat = """
    {"@type":"chat","id":-1009876543210,"type":{"@type":"chatTypeSupergroup","supergroup_id":9876543210,"is_channel":false},
     "title":"Talk","permissions":{"@type":"chatPermissions","can_send_basic_messages":true}}
    """;

    public const string SupergroupMember = """
    {"@type":"supergroup","id":9876543210,"usernames":{"@type":"usernames","active_usernames":["talk_group","alt"],"disabled_usernames":[],"editable_username":"","collectible_usernames":[]},
     "status":{"@type":"chatMemberStatusMember","member_until_date":0},"is_channel":false}
    """;

    public const string BasicGroupChat = """
    {"@type":"chat","id":-4000000001,"type":{"@type":"chatTypeBasicGroup","basic_group_id":4000000001},"title":"Family",
     "permissions":{"@type":"chatPermissions","can_send_basic_messages":true}}
    """;

    public const string BasicGroupRestricted = """
    {"@type":"basicGroup","id":4000000001,"member_count":3,"is_active":true,"upgraded_to_supergroup_id":0,
     "status":{"@type":"chatMemberStatusRestricted","is_member":true,"restricted_until_date":0,
       "permissions":{"@type":"chatPermissions","can_send_basic_messages":false}}}
    """;

    public const string PrivateChat = """
    {"@type":"chat","id":42,"type":{"@type":"chatTypePrivate","user_id":42},"title":"Ann"}
    """;

    public const string User = """
    {"@type":"user","id":42,"first_name":"Ann","last_name":"Lee",
     "usernames":{"@type":"usernames","active_usernames":["ann"],"disabled_usernames":[],"editable_username":"ann","collectible_usernames":[]},
     "phone_number":"","is_premium":true,"type":{"@type":"userTypeRegular"}}
    """;

    public const string InviteLinkInfoUnknownChannel = """
    {"@type":"chatInviteLinkInfo","chat_id":0,"accessible_for":0,"type":{"@type":"inviteLinkChatTypeChannel"},"title":"Secret club",
     "accent_color_id":0,"description":"","member_count":100,"member_user_ids":[],"creates_join_request":false,"is_public":false}
    """;
}
