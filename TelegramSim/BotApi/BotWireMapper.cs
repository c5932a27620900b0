using Cluster.TelegramSim.World;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Cluster.TelegramSim.BotApi;

/// <summary>Translates the world's records to Telegram.Bot's types (and keyboards, entities and permissions back), so the
/// simulator answers with exactly the shapes the real Bot API has; every media kind is written as itself.</summary>
internal sealed class BotWireMapper(SimWorld world)
{
    public static DateTime Utc(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds()).UtcDateTime;

    public User ToUser(SimUser u) => new()
    {
        Id = u.Id,
        IsBot = u.IsBot,
        FirstName = u.FirstName,
        LastName = u.LastName,
        Username = u.Username,
        LanguageCode = u.IsBot ? null : u.LanguageCode,
        IsPremium = u.IsPremium,
    };

    public User ToUser(long userId) => world.FindUser(userId) is { } u ? ToUser(u) : new User { Id = userId, FirstName = "Deleted Account" };

    public Chat ToChat(long chatId)
    {
        if (chatId > 0)
        {
            var u = world.FindUser(chatId);
            return new Chat { Id = chatId, Type = ChatType.Private, FirstName = u?.FirstName ?? "Deleted Account", LastName = u?.LastName, Username = u?.Username };
        }
        var c = world.FindChat(chatId);
        return new Chat { Id = chatId, Type = TypeOf(c?.Type ?? SimChatType.Supergroup), Title = c?.Title ?? "", Username = c?.Username };
    }

    public static ChatType TypeOf(SimChatType type) => type switch
    {
        SimChatType.Private => ChatType.Private,
        SimChatType.Group => ChatType.Group,
        SimChatType.Supergroup => ChatType.Supergroup,
        _ => ChatType.Channel,
    };

    public ChatFullInfo ToChatFullInfo(SimChatInfo c, SimUser? peer) => peer is not null
        ? new ChatFullInfo { Id = peer.Id, Type = ChatType.Private, FirstName = peer.FirstName, LastName = peer.LastName, Username = peer.Username, AccentColorId = 0, MaxReactionCount = 11 }
        : new ChatFullInfo
        {
            Id = c.Id,
            Type = TypeOf(c.Type),
            Title = c.Title,
            Username = c.Username,
            Description = c.Description,
            LinkedChatId = c.LinkedChatId,
            Permissions = c.Type is SimChatType.Group or SimChatType.Supergroup ? ToPermissions(c.Permissions) : null,
            AccentColorId = 0,
            MaxReactionCount = 11,
        };

    public Message ToMessage(SimMessage m, long viewerId, bool withReply = true)
    {
        var chat = ToChat(m.ChatId);
        var caption = m.Media is not null;
        var entities = m.Entities.Count > 0 ? m.Entities.Select(ToEntity).ToArray() : null;
        Message? reply = null;
        if (withReply && m.ReplyToMessageId is { } r && world.FindMessageForViewer(viewerId, m.ChatId, r) is { IsDeleted: false } target)
            reply = ToMessage(target, viewerId, withReply: false);
        var message = new Message
        {
            Id = (int)m.Id,
            From = m.SenderUserId is { } s ? ToUser(s) : null,
            SenderChat = m.SenderChatId is { } sc ? ToChat(sc) : null,
            Date = Utc(m.Date),
            Chat = chat,
            ForwardOrigin = m.ForwardOrigin is { } o ? ToOrigin(o) : null,
            ReplyToMessage = reply,
            EditDate = m.EditDate is { } e ? Utc(e) : null,
            MediaGroupId = m.MediaGroupId,
            AuthorSignature = m.AuthorSignature,
            Text = caption ? null : m.Text,
            Entities = caption ? null : entities,
            Caption = caption ? m.Text : null,
            CaptionEntities = caption ? entities : null,
            HasMediaSpoiler = m.Media is { HasSpoiler: true },
            NewChatMembers = m.Service is { Kind: SimServiceAction.NewChatMembers } join ? join.UserIds.Select(ToUser).ToArray() : null,
            LeftChatMember = m.Service is { Kind: SimServiceAction.LeftChatMember } left ? ToUser(left.UserIds[0]) : null,
            ReplyMarkup = m.ReplyMarkup is { } k ? ToKeyboard(k) : null,
        };
        if (m.Media is { } media) AttachMedia(message, media);
        return message;
    }

    /// <summary>Each kind in its own field, as Telegram sends it; an animation also fills document, as Telegram does for
    /// clients that predate animations.</summary>
    private static void AttachMedia(Message message, SimMedia d)
    {
        switch (d.Kind)
        {
            case SimMediaKind.Photo:
                message.Photo = [new PhotoSize { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Width = d.Width, Height = d.Height, FileSize = d.FileSize }];
                break;
            case SimMediaKind.Video:
                message.Video = new Video { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Width = d.Width, Height = d.Height, Duration = d.Duration, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize };
                break;
            case SimMediaKind.Audio:
                message.Audio = new Audio { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Duration = d.Duration, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize };
                break;
            case SimMediaKind.Voice:
                message.Voice = new Voice { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Duration = d.Duration, MimeType = d.MimeType, FileSize = d.FileSize };
                break;
            case SimMediaKind.Animation:
                message.Animation = new Animation { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Width = d.Width, Height = d.Height, Duration = d.Duration, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize };
                message.Document = new Document { FileId = d.FileId, FileUniqueId = d.FileUniqueId, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize };
                break;
            case SimMediaKind.Sticker:
                message.Sticker = new Sticker { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Type = StickerType.Regular, Width = d.Width, Height = d.Height, IsAnimated = false, IsVideo = false, FileSize = d.FileSize };
                break;
            case SimMediaKind.VideoNote:
                message.VideoNote = new VideoNote { FileId = d.FileId, FileUniqueId = d.FileUniqueId, Length = d.Width, Duration = d.Duration, FileSize = d.FileSize };
                break;
            default:
                message.Document = new Document { FileId = d.FileId, FileUniqueId = d.FileUniqueId, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize };
                break;
        }
    }

    public MessageOrigin ToOrigin(SimForwardOrigin o) => o switch
    {
        { IsChannel: true, ChatId: { } c } => new MessageOriginChannel { Date = Utc(o.Date), Chat = ToChat(c), MessageId = (int)(o.MessageId ?? 0), AuthorSignature = o.AuthorSignature },
        { ChatId: { } c } => new MessageOriginChat { Date = Utc(o.Date), SenderChat = ToChat(c), AuthorSignature = o.AuthorSignature },
        { SenderUserId: { } u } => new MessageOriginUser { Date = Utc(o.Date), SenderUser = ToUser(u) },
        _ => new MessageOriginHiddenUser { Date = Utc(o.Date), SenderUserName = "Hidden" },
    };

    public MessageEntity ToEntity(SimEntity e) => new()
    {
        Type = SimJson.Parse<MessageEntityType>(e.Type) ?? MessageEntityType.Bold,
        Offset = e.Offset,
        Length = e.Length,
        Url = e.Url,
        Language = e.Language,
        CustomEmojiId = e.CustomEmojiId,
        User = e.UserId is { } u ? ToUser(u) : null,
    };

    public static SimEntity FromEntity(MessageEntity e) => new(SimJson.Name(e.Type), e.Offset, e.Length, e.Url, e.Language, e.User?.Id, e.CustomEmojiId);

    public static InlineKeyboardMarkup ToKeyboard(SimInlineKeyboard k) =>
        new(k.Rows.Select(r => r.Select(b => new InlineKeyboardButton { Text = b.Text, CallbackData = b.CallbackData, Url = b.Url })));

    public static SimInlineKeyboard? FromKeyboard(InlineKeyboardMarkup? k)
    {
        if (k?.InlineKeyboard is null) return null;
        var rows = k.InlineKeyboard.Select(r => r.ToList()).ToList();
        foreach (var b in rows.SelectMany(r => r))
        {
            if (string.IsNullOrEmpty(b.Text)) throw SimErrors.BadRequest("text buttons are unallowed in the inline keyboard");
            if (b.CallbackData is { } d && System.Text.Encoding.UTF8.GetByteCount(d) > 64) throw SimErrors.BadRequest("BUTTON_DATA_INVALID");
            if (b.CallbackData is null && b.Url is null && b.SwitchInlineQuery is null && b.SwitchInlineQueryCurrentChat is null && !b.Pay)
                throw SimErrors.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        return rows.Count == 0 ? null : new SimInlineKeyboard(rows.Select(r => (IReadOnlyList<SimInlineButton>)r.Select(b => new SimInlineButton(b.Text, b.CallbackData, b.Url)).ToList()).ToList());
    }

    public static ChatPermissions ToPermissions(SimPermissions p) => new()
    {
        CanSendMessages = p.CanSendMessages, CanSendAudios = p.CanSendAudios, CanSendDocuments = p.CanSendDocuments, CanSendPhotos = p.CanSendPhotos,
        CanSendVideos = p.CanSendVideos, CanSendVideoNotes = p.CanSendVideoNotes, CanSendVoiceNotes = p.CanSendVoiceNotes, CanSendPolls = p.CanSendPolls,
        CanSendOtherMessages = p.CanSendOtherMessages, CanAddWebPagePreviews = p.CanAddWebPagePreviews, CanChangeInfo = p.CanChangeInfo,
        CanInviteUsers = p.CanInviteUsers, CanPinMessages = p.CanPinMessages, CanManageTopics = p.CanManageTopics,
    };

    /// <summary>Reads ChatPermissions; fields left out are false, as Telegram treats them in restrictChatMember (Telegram.Bot
    /// leaves every false field out, so a full mute arrives as <c>{}</c>).</summary>
    public static SimPermissions FromPermissions(ChatPermissions p) => new(
        p.CanSendMessages, p.CanSendAudios, p.CanSendDocuments, p.CanSendPhotos,
        p.CanSendVideos, p.CanSendVideoNotes, p.CanSendVoiceNotes, p.CanSendPolls,
        p.CanSendOtherMessages, p.CanAddWebPagePreviews, p.CanChangeInfo, p.CanInviteUsers,
        p.CanPinMessages, p.CanManageTopics ?? false);

    public ChatMember ToMember(SimMember m, bool isChannel)
    {
        var user = ToUser(m.UserId);
        switch (m.Status)
        {
            case SimMemberStatus.Creator:
                return new ChatMemberOwner { User = user, IsAnonymous = false, CustomTitle = m.CustomTitle };
            case SimMemberStatus.Administrator:
                var r = m.Rights ?? SimAdminRights.Moderator;
                return new ChatMemberAdministrator
                {
                    User = user, CanBeEdited = false, IsAnonymous = r.IsAnonymous, CustomTitle = m.CustomTitle,
                    CanManageChat = r.CanManageChat, CanDeleteMessages = r.CanDeleteMessages, CanManageVideoChats = r.CanManageVideoChats,
                    CanRestrictMembers = r.CanRestrictMembers, CanPromoteMembers = r.CanPromoteMembers, CanChangeInfo = r.CanChangeInfo,
                    CanInviteUsers = r.CanInviteUsers, CanPostStories = r.CanPostStories, CanEditStories = r.CanEditStories, CanDeleteStories = r.CanDeleteStories,
                    CanPostMessages = isChannel && r.CanPostMessages, CanEditMessages = isChannel && r.CanEditMessages,
                    CanPinMessages = !isChannel && r.CanPinMessages, CanManageTopics = !isChannel && r.CanManageTopics,
                };
            case SimMemberStatus.Member:
                return new ChatMemberMember { User = user };
            case SimMemberStatus.Restricted:
                var p = m.Permissions ?? SimPermissions.Muted;
                return new ChatMemberRestricted
                {
                    User = user, IsMember = m.IsMember,
                    CanSendMessages = p.CanSendMessages, CanSendAudios = p.CanSendAudios, CanSendDocuments = p.CanSendDocuments, CanSendPhotos = p.CanSendPhotos,
                    CanSendVideos = p.CanSendVideos, CanSendVideoNotes = p.CanSendVideoNotes, CanSendVoiceNotes = p.CanSendVoiceNotes, CanSendPolls = p.CanSendPolls,
                    CanSendOtherMessages = p.CanSendOtherMessages, CanAddWebPagePreviews = p.CanAddWebPagePreviews, CanChangeInfo = p.CanChangeInfo,
                    CanInviteUsers = p.CanInviteUsers, CanPinMessages = p.CanPinMessages, CanManageTopics = p.CanManageTopics,
                    UntilDate = m.UntilDate is { } u ? Utc(u) : null,
                };
            case SimMemberStatus.Kicked:
                return new ChatMemberBanned { User = user, UntilDate = m.UntilDate is { } k ? Utc(k) : null };
            default:
                return new ChatMemberLeft { User = user };
        }
    }

    public ChatInviteLink ToInviteLink(SimInviteLink l) => new()
    {
        InviteLink = l.Url,
        Creator = ToUser(l.CreatorUserId),
        CreatesJoinRequest = l.CreatesJoinRequest,
        IsPrimary = l.IsPrimary,
        IsRevoked = l.IsRevoked,
        Name = l.Name,
        ExpireDate = l.ExpireDate is { } e ? Utc(e) : null,
        MemberLimit = l.MemberLimit,
    };

    public Update ToUpdate(SimBotUpdate u, long botUserId)
    {
        var update = new Update { Id = (int)u.UpdateId };
        switch (u.Kind)
        {
            case SimUpdateKinds.Message: update.Message = ToMessage(u.Message!, botUserId); break;
            case SimUpdateKinds.EditedMessage: update.EditedMessage = ToMessage(u.Message!, botUserId); break;
            case SimUpdateKinds.ChannelPost: update.ChannelPost = ToMessage(u.Message!, botUserId); break;
            case SimUpdateKinds.EditedChannelPost: update.EditedChannelPost = ToMessage(u.Message!, botUserId); break;
            case SimUpdateKinds.CallbackQuery:
                var q = u.CallbackQuery!;
                update.CallbackQuery = new CallbackQuery { Id = q.Id, From = ToUser(q.FromUserId), Message = ToMessage(q.Message, botUserId), ChatInstance = q.ChatInstance, Data = q.Data };
                break;
            case SimUpdateKinds.MyChatMember: update.MyChatMember = ToMemberUpdated(u.MemberChange!, botUserId); break;
            case SimUpdateKinds.ChatMember: update.ChatMember = ToMemberUpdated(u.MemberChange!, botUserId); break;
        }
        return update;
    }

    public ChatMemberUpdated ToMemberUpdated(SimChatMemberChange c, long botUserId)
    {
        var chat = ToChat(c.ChatId);
        var isChannel = chat.Type == ChatType.Channel;
        return new ChatMemberUpdated
        {
            Chat = chat,
            From = ToUser(c.ActorUserId),
            Date = Utc(c.Date),
            OldChatMember = ToMember(c.OldMember, isChannel),
            NewChatMember = ToMember(c.NewMember, isChannel),
            InviteLink = world.FindInvite(c.InviteLink) is { } link ? ToInviteLink(link) : null,
        };
    }
}
