using System.Text.Json;
using Cluster.TelegramSim.Text;
using Cluster.TelegramSim.World;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.TelegramSim.BotApi;

/// <summary>The Bot API methods the simulator serves, by name (case-insensitive, as Telegram's).
/// Each reads its parameters, asks the world, and answers with Telegram.Bot's types.</summary>
internal sealed class BotApiHandler
{
    private readonly SimWorld _world;
    private readonly BotWireMapper _map;
    private readonly Dictionary<string, Func<BotApiCall, Task<BotApiReply>>> _methods;

    public BotApiHandler(SimWorld world)
    {
        _world = world;
        _map = new BotWireMapper(world);
        _methods = new(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = c => Sync(GetMe(c)),
            ["logOut"] = _ => Sync(BotApiReply.True()),
            ["close"] = _ => Sync(BotApiReply.True()),
            ["getUpdates"] = GetUpdatesAsync,
            ["setWebhook"] = c => Sync(SetWebhook(c)),
            ["deleteWebhook"] = c => Sync(DeleteWebhook(c)),
            ["getWebhookInfo"] = c => Sync(GetWebhookInfo(c)),
            ["sendMessage"] = c => Sync(SendMessage(c)),
            ["sendPhoto"] = c => Sync(SendMedia(c, SimMediaKind.Photo, "photo")),
            ["sendVideo"] = c => Sync(SendMedia(c, SimMediaKind.Video, "video")),
            ["sendDocument"] = c => Sync(SendMedia(c, SimMediaKind.Document, "document")),
            ["sendAudio"] = c => Sync(SendMedia(c, SimMediaKind.Audio, "audio")),
            ["sendVoice"] = c => Sync(SendMedia(c, SimMediaKind.Voice, "voice")),
            ["sendAnimation"] = c => Sync(SendMedia(c, SimMediaKind.Animation, "animation")),
            ["sendSticker"] = c => Sync(SendMedia(c, SimMediaKind.Sticker, "sticker")),
            ["sendVideoNote"] = c => Sync(SendMedia(c, SimMediaKind.VideoNote, "video_note")),
            ["sendMediaGroup"] = c => Sync(SendMediaGroup(c)),
            ["sendChatAction"] = c => Sync(SendChatAction(c)),
            ["copyMessage"] = c => Sync(CopyMessage(c)),
            ["copyMessages"] = c => Sync(CopyMessages(c)),
            ["forwardMessage"] = c => Sync(ForwardMessage(c)),
            ["forwardMessages"] = c => Sync(ForwardMessages(c)),
            ["editMessageText"] = c => Sync(Edit(c, SimEditKind.Text)),
            ["editMessageCaption"] = c => Sync(Edit(c, SimEditKind.Caption)),
            ["editMessageReplyMarkup"] = c => Sync(Edit(c, SimEditKind.ReplyMarkup)),
            ["deleteMessage"] = c => Sync(DeleteMessage(c)),
            ["deleteMessages"] = c => Sync(DeleteMessages(c)),
            ["answerCallbackQuery"] = c => Sync(AnswerCallbackQuery(c)),
            ["getFile"] = c => Sync(GetFile(c)),
            ["getChat"] = c => Sync(GetChat(c)),
            ["getChatMember"] = c => Sync(GetChatMember(c)),
            ["getChatAdministrators"] = c => Sync(GetChatAdministrators(c)),
            ["getChatMemberCount"] = c => Sync(BotApiReply.Ok(_world.BotGetChatMemberCount(c.BotId, c.Args.ChatId()))),
            ["restrictChatMember"] = c => Sync(RestrictChatMember(c)),
            ["banChatMember"] = c => Sync(BanChatMember(c)),
            ["unbanChatMember"] = c => Sync(UnbanChatMember(c)),
            ["createChatInviteLink"] = c => Sync(CreateChatInviteLink(c)),
            ["leaveChat"] = c => Sync(LeaveChat(c)),
            ["setMyCommands"] = c => Sync(SetMyCommands(c)),
            ["getMyCommands"] = c => Sync(GetMyCommands(c)),
            ["deleteMyCommands"] = c => Sync(DeleteMyCommands(c)),
        };
    }

    /// <summary>Whether the simulator serves this method (else 404 Not Found).</summary>
    public bool Knows(string method) => _methods.ContainsKey(method);

    /// <summary>Canonical name of a method for logs and fault matching.</summary>
    public string Canonical(string method) => _methods.Keys.FirstOrDefault(k => string.Equals(k, method, StringComparison.OrdinalIgnoreCase)) ?? method;

    public async Task<BotApiReply> HandleAsync(string method, BotApiCall call)
    {
        try
        {
            return await _methods[method](call).ConfigureAwait(false);
        }
        catch (SimException e)
        {
            return BotApiReply.From(e);
        }
    }

    private static Task<BotApiReply> Sync(BotApiReply reply) => Task.FromResult(reply);

    private BotApiReply GetFile(BotApiCall c)
    {
        var fileId = c.Args.String("file_id");
        if (string.IsNullOrEmpty(fileId)) throw SimErrors.BadRequest("file_id not specified");
        var (media, path) = _world.BotGetFile(fileId);
        return BotApiReply.Ok(new TGFile { FileId = media.FileId, FileUniqueId = media.FileUniqueId, FileSize = media.FileSize, FilePath = path });
    }

    private BotApiReply GetMe(BotApiCall c)
    {
        var user = _map.ToUser(_world.GetUser(c.BotId));
        user.CanJoinGroups = true;
        user.CanReadAllGroupMessages = !c.Bot.PrivacyMode;
        return BotApiReply.Ok(user);
    }

    private async Task<BotApiReply> GetUpdatesAsync(BotApiCall c)
    {
        var a = c.Args;
        var limit = Math.Clamp(a.Int("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, a.Int("timeout") ?? 0));
        if (timeout > _world.Options.MaxBotPollTimeout) timeout = _world.Options.MaxBotPollTimeout;
        var allowed = a.Has("allowed_updates") ? a.Json<string[]>("allowed_updates", "allowed_updates") ?? [] : null;
        var updates = await _world.BotGetUpdatesAsync(c.BotId, a.Long("offset"), limit, timeout, allowed, c.CancellationToken).ConfigureAwait(false);
        return BotApiReply.Ok(updates.Select(u => _map.ToUpdate(u, c.BotId)).ToArray());
    }

    private BotApiReply SetWebhook(BotApiCall c)
    {
        var a = c.Args;
        var allowed = a.Has("allowed_updates") ? a.Json<string[]>("allowed_updates", "allowed_updates") ?? [] : null;
        _world.BotSetWebhook(c.BotId, a.String("url") ?? "", a.String("secret_token"), allowed, a.Bool("drop_pending_updates"), a.Int("max_connections"));
        return BotApiReply.True();
    }

    private BotApiReply DeleteWebhook(BotApiCall c)
    {
        _world.BotDeleteWebhook(c.BotId, c.Args.Bool("drop_pending_updates"));
        return BotApiReply.True();
    }

    private BotApiReply GetWebhookInfo(BotApiCall c)
    {
        var w = _world.BotGetWebhookInfo(c.BotId);
        var info = new WebhookInfo
        {
            Url = w.Url,
            HasCustomCertificate = false,
            PendingUpdateCount = w.PendingUpdateCount,
            IpAddress = w.Url.Length > 0 ? "127.0.0.1" : null,
            LastErrorDate = w.LastErrorDate is { } d ? BotWireMapper.Utc(d) : null,
            LastErrorMessage = w.LastErrorMessage,
            MaxConnections = w.Url.Length > 0 ? w.MaxConnections : null,
            AllowedUpdates = w.Url.Length > 0 ? w.AllowedUpdates?.Select(u => SimJson.Parse<UpdateType>(u)).OfType<UpdateType>().ToArray() : null,
        };
        return BotApiReply.Ok(info);
    }

    private (string? Text, IReadOnlyList<SimEntity> Entities) FormattedText(BotApiArgs a, string textField, string entitiesField)
    {
        var text = a.String(textField);
        if (text is null) return (null, []);
        if (a.Has(entitiesField))
        {
            var entities = a.Json<MessageEntity[]>(entitiesField, "entities JSON object") ?? [];
            return (text, entities.Select(BotWireMapper.FromEntity).ToList());
        }
        var parsed = FormattedTextParser.Parse(text, a.String("parse_mode"));
        return (parsed.Text, parsed.Entities);
    }

    private static SimInlineKeyboard? Markup(BotApiArgs a) =>
        BotWireMapper.FromKeyboard(a.Json<InlineKeyboardMarkup>("reply_markup", "reply keyboard markup JSON object"));

    private static long? ReplyTo(BotApiArgs a)
    {
        if (a.Has("reply_parameters"))
        {
            var rp = a.Json<ReplyParameters>("reply_parameters", "reply parameters JSON object");
            return rp?.MessageId;
        }
        return a.Long("reply_to_message_id");
    }

    private BotApiReply OneMessage(SimMessage m, long botId) => BotApiReply.Ok(_map.ToMessage(m, botId));

    private BotApiReply SendMessage(BotApiCall c)
    {
        var a = c.Args;
        var chat = a.ChatId();
        var (text, entities) = FormattedText(a, "text", "entities");
        if (string.IsNullOrEmpty(text)) throw SimErrors.MessageTextEmpty();
        var sent = _world.BotSend(c.BotId, chat, [new SimOutgoingMessage(text, entities, null, Markup(a), ReplyTo(a))], asAlbum: false,
            paidBroadcast: a.Bool("allow_paid_broadcast"));
        return OneMessage(sent[0], c.BotId);
    }

    private BotApiReply SendMedia(BotApiCall c, SimMediaKind kind, string field)
    {
        var a = c.Args;
        var chat = a.ChatId();
        var file = a.File(field);
        if (file is null || file.Value.Length == 0) throw SimErrors.BadRequest($"there is no {field} in the request");
        var media = _world.ResolveMedia(kind, file.Value, uploadedBytes: file.Upload?.Length);
        if (a.Bool("has_spoiler")) media = media with { HasSpoiler = true };
        var (caption, entities) = FormattedText(a, "caption", "caption_entities");
        var sent = _world.BotSend(c.BotId, chat, [new SimOutgoingMessage(caption, entities, media, Markup(a), ReplyTo(a))], asAlbum: false,
            paidBroadcast: a.Bool("allow_paid_broadcast"));
        return OneMessage(sent[0], c.BotId);
    }

    private BotApiReply SendMediaGroup(BotApiCall c)
    {
        var a = c.Args;
        var chat = a.ChatId();
        var items = a.Json<JsonElement[]>("media", "media JSON object") ?? throw SimErrors.BadRequest("parameter \"media\" is required");
        if (items.Length is < 2 or > 10) throw SimErrors.BadRequest("wrong number of messages in a media group");
        var parsed = items.Select(AlbumItem.Read).ToList();
        var kinds = parsed.Select(i => i.Kind).ToList();
        if (kinds.Contains(SimMediaKind.Document) && kinds.Any(k => k != SimMediaKind.Document))
            throw SimErrors.BadRequest("document can't be mixed with other media types");
        if (kinds.Contains(SimMediaKind.Audio) && kinds.Any(k => k != SimMediaKind.Audio))
            throw SimErrors.BadRequest("audio can't be mixed with other media types");
        var outgoing = parsed.Select((item, i) =>
        {
            var file = a.Attach(item.Media);
            var media = _world.ResolveMedia(item.Kind, file.Value, uploadedBytes: file.Upload?.Length);
            if (item.HasSpoiler) media = media with { HasSpoiler = true };
            var (text, entities) = item.CaptionEntities is { } ce
                ? (item.Caption, (IReadOnlyList<SimEntity>)ce.Select(BotWireMapper.FromEntity).ToList())
                : item.Caption is { } cap ? FormattedTextParser.Parse(cap, item.ParseMode) : (null, []);
            return new SimOutgoingMessage(text, entities, media, null, i == 0 ? ReplyTo(a) : null);
        }).ToList();
        var sent = _world.BotSend(c.BotId, chat, outgoing, asAlbum: true);
        return BotApiReply.Ok(sent.Select(m => _map.ToMessage(m, c.BotId)).ToArray());
    }

    /// <summary>One InputMedia of an album, read by hand: its "media" may be "attach://part", which only the request's parts resolve.</summary>
    private sealed record AlbumItem(SimMediaKind Kind, string Media, string? Caption, string? ParseMode, MessageEntity[]? CaptionEntities, bool HasSpoiler)
    {
        public static AlbumItem Read(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) throw SimErrors.BadRequest("can't parse InputMedia: media isn't an object");
            var kind = Text(e, "type") switch
            {
                "photo" => SimMediaKind.Photo,
                "video" => SimMediaKind.Video,
                "document" => SimMediaKind.Document,
                "audio" => SimMediaKind.Audio,
                _ => throw SimErrors.BadRequest("can't parse InputMedia: unsupported media type"),
            };
            var media = Text(e, "media") is { Length: > 0 } m ? m : throw SimErrors.BadRequest("can't parse InputMedia: media not found");
            var entities = e.TryGetProperty("caption_entities", out var ce) && ce.ValueKind == JsonValueKind.Array
                ? ce.Deserialize<MessageEntity[]>(SimJson.Read) : null;
            var spoiler = e.TryGetProperty("has_spoiler", out var hs) && hs.ValueKind == JsonValueKind.True;
            return new AlbumItem(kind, media, Text(e, "caption"), Text(e, "parse_mode"), entities, spoiler);
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private BotApiReply SendChatAction(BotApiCall c)
    {
        _world.BotGetChat(c.BotId, c.Args.ChatId());
        if (string.IsNullOrEmpty(c.Args.String("action"))) throw SimErrors.BadRequest("wrong parameter action in request");
        return BotApiReply.True();
    }

    private static IReadOnlyList<long> MessageIds(BotApiArgs a)
    {
        var ids = a.Json<long[]>("message_ids", "message_ids")
            ?? throw SimErrors.BadRequest("message_ids are empty");
        if (ids.Length is < 1 or > 100) throw SimErrors.BadRequest("too many messages to process");
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] <= ids[i - 1]) throw SimErrors.BadRequest("message identifiers must be specified in strictly increasing order");
        }
        return ids;
    }

    private BotApiReply CopyMessage(BotApiCall c)
    {
        var a = c.Args;
        var to = a.ChatId();
        var from = a.ChatId("from_chat_id");
        var id = a.RequiredLong("message_id", "message identifier is not specified");
        (string?, IReadOnlyList<SimEntity>)? caption = a.Has("caption") ? FormattedText(a, "caption", "caption_entities") : null;
        var copied = _world.BotForward(c.BotId, to, from, [id], copy: true, single: true, caption, removeCaption: false, Markup(a));
        return BotApiReply.Ok(new MessageId { Id = (int)copied[0].Id });
    }

    private BotApiReply CopyMessages(BotApiCall c)
    {
        var a = c.Args;
        var copied = _world.BotForward(c.BotId, a.ChatId(), a.ChatId("from_chat_id"), MessageIds(a), copy: true, single: false, null, a.Bool("remove_caption"), null);
        return BotApiReply.Ok(copied.Select(m => new MessageId { Id = (int)m.Id }).ToArray());
    }

    private BotApiReply ForwardMessage(BotApiCall c)
    {
        var a = c.Args;
        var id = a.RequiredLong("message_id", "message identifier is not specified");
        var sent = _world.BotForward(c.BotId, a.ChatId(), a.ChatId("from_chat_id"), [id], copy: false, single: true, null, false, null);
        return OneMessage(sent[0], c.BotId);
    }

    private BotApiReply ForwardMessages(BotApiCall c)
    {
        var a = c.Args;
        var sent = _world.BotForward(c.BotId, a.ChatId(), a.ChatId("from_chat_id"), MessageIds(a), copy: false, single: false, null, false, null);
        return BotApiReply.Ok(sent.Select(m => new MessageId { Id = (int)m.Id }).ToArray());
    }

    private BotApiReply Edit(BotApiCall c, SimEditKind kind)
    {
        var a = c.Args;
        if (a.Has("inline_message_id")) throw SimErrors.BadRequest("inline messages are not supported by the simulator");
        var chat = a.ChatId();
        var id = a.RequiredLong("message_id", "message identifier is not specified");
        var (text, entities) = kind switch
        {
            SimEditKind.Text => FormattedText(a, "text", "entities"),
            SimEditKind.Caption => FormattedText(a, "caption", "caption_entities"),
            _ => (null, []),
        };
        if (kind == SimEditKind.Text && string.IsNullOrEmpty(text)) throw SimErrors.MessageTextEmpty();
        var edited = _world.BotEdit(c.BotId, chat, id, kind, text, entities, Markup(a));
        return OneMessage(edited, c.BotId);
    }

    private BotApiReply DeleteMessage(BotApiCall c)
    {
        var a = c.Args;
        _world.BotDelete(c.BotId, a.ChatId(), [a.RequiredLong("message_id", "message identifier is not specified")], single: true);
        return BotApiReply.True();
    }

    private BotApiReply DeleteMessages(BotApiCall c)
    {
        var a = c.Args;
        _world.BotDelete(c.BotId, a.ChatId(), MessageIds(a), single: false);
        return BotApiReply.True();
    }

    private BotApiReply AnswerCallbackQuery(BotApiCall c)
    {
        var a = c.Args;
        var id = a.String("callback_query_id");
        if (string.IsNullOrEmpty(id)) throw SimErrors.BadRequest("callback_query_id is empty");
        var text = a.String("text");
        if (text is { Length: > 200 }) throw SimErrors.BadRequest("MESSAGE_TOO_LONG");
        _world.BotAnswerCallback(c.BotId, id, text, a.Bool("show_alert"), a.String("url"));
        return BotApiReply.True();
    }

    private BotApiReply GetChat(BotApiCall c)
    {
        var (chat, peer) = _world.BotGetChat(c.BotId, c.Args.ChatId());
        return BotApiReply.Ok(_map.ToChatFullInfo(chat, peer));
    }

    private static long UserId(BotApiArgs a) => a.Long("user_id") ?? throw SimErrors.BadRequest("user_id is empty");

    private bool IsChannel(string chatRef, long botId) => _world.BotGetChat(botId, chatRef).Chat.Type == SimChatType.Channel;

    private BotApiReply GetChatMember(BotApiCall c)
    {
        var a = c.Args;
        var chat = a.ChatId();
        var member = _world.BotGetChatMember(c.BotId, chat, UserId(a));
        return BotApiReply.Ok(_map.ToMember(member, IsChannel(chat, c.BotId)));
    }

    private BotApiReply GetChatAdministrators(BotApiCall c)
    {
        var chat = c.Args.ChatId();
        var admins = _world.BotGetChatAdministrators(c.BotId, chat);
        var isChannel = IsChannel(chat, c.BotId);
        return BotApiReply.Ok(admins.Select(m => _map.ToMember(m, isChannel)).ToArray());
    }

    private DateTimeOffset? UntilDate(BotApiArgs a) => a.Long("until_date") is { } u and > 0 ? DateTimeOffset.FromUnixTimeSeconds(u) : null;

    private BotApiReply RestrictChatMember(BotApiCall c)
    {
        var a = c.Args;
        var chat = a.ChatId();
        var user = UserId(a);
        var permissions = a.Json<ChatPermissions>("permissions", "permissions JSON object")
            ?? throw SimErrors.BadRequest("permissions are not specified");
        _world.BotRestrict(c.BotId, chat, user, BotWireMapper.FromPermissions(permissions), a.Bool("use_independent_chat_permissions"), UntilDate(a));
        return BotApiReply.True();
    }

    private BotApiReply BanChatMember(BotApiCall c)
    {
        var a = c.Args;
        _world.BotBan(c.BotId, a.ChatId(), UserId(a), UntilDate(a), a.Bool("revoke_messages"));
        return BotApiReply.True();
    }

    private BotApiReply UnbanChatMember(BotApiCall c)
    {
        var a = c.Args;
        _world.BotUnban(c.BotId, a.ChatId(), UserId(a), a.Bool("only_if_banned"));
        return BotApiReply.True();
    }

    private BotApiReply CreateChatInviteLink(BotApiCall c)
    {
        var a = c.Args;
        var link = _world.BotCreateInviteLink(c.BotId, a.ChatId(), a.String("name"), a.Long("expire_date") is { } e and > 0 ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
            a.Int("member_limit"), a.Bool("creates_join_request"));
        return BotApiReply.Ok(_map.ToInviteLink(link));
    }

    private BotApiReply LeaveChat(BotApiCall c)
    {
        _world.BotLeave(c.BotId, c.Args.ChatId());
        return BotApiReply.True();
    }

    private BotApiReply SetMyCommands(BotApiCall c)
    {
        var commands = c.Args.Json<BotCommand[]>("commands", "commands JSON object")
            ?? throw SimErrors.BadRequest("parameter \"commands\" is required");
        if (commands.Length > 100) throw SimErrors.BadRequest("too many commands specified");
        foreach (var cmd in commands)
        {
            if (cmd.Command is null || cmd.Description is null) throw SimErrors.BadRequest("can't parse BotCommand");
            if (cmd.Command.Length is < 1 or > 32 || !cmd.Command.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
                throw SimErrors.BadRequest("BOT_COMMAND_INVALID");
            if (cmd.Description.Length is < 1 or > 256) throw SimErrors.BadRequest("command description is empty");
        }
        _world.BotSetCommands(c.BotId, commands.Select(x => new SimBotCommand(x.Command, x.Description)).ToList());
        return BotApiReply.True();
    }

    private BotApiReply GetMyCommands(BotApiCall c) =>
        BotApiReply.Ok(_world.GetBot(c.BotId).Commands.Select(x => new BotCommand { Command = x.Command, Description = x.Description }).ToArray());

    private BotApiReply DeleteMyCommands(BotApiCall c)
    {
        _world.BotSetCommands(c.BotId, []);
        return BotApiReply.True();
    }
}
