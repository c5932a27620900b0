using Cluster.Telegram.Bots.Types;
using Cluster.TelegramSim.World;

namespace Cluster.TelegramSim.BotApi;

/// <summary>Translates the world's records to the Bot API's wire types (and keyboards, entities and
/// permissions back), so the simulator answers with exactly the shapes the real Bot API has.</summary>
internal sealed class BotWireMapper(SimWorld world)
{
    public static long Unix(DateTimeOffset t) => t.ToUnixTimeSeconds();

    public User ToUser(SimUser u) => new()
    {
        Id = u.Id,
        IsBot = u.IsBot,
        FirstName = u.FirstName,
        LastName = u.LastName,
        Username = u.Username,
        LanguageCode = u.IsBot ? null : u.LanguageCode,
        IsPremium = u.IsPremium ? true : null,
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
        return new Chat { Id = chatId, Type = TypeName(c?.Type ?? SimChatType.Supergroup), Title = c?.Title ?? "", Username = c?.Username };
    }

    public static string TypeName(SimChatType type) => type switch
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
            Type = TypeName(c.Type),
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
        var isChannel = chat.Type == ChatType.Channel;
        var caption = m.Media is not null;
        var entities = m.Entities.Count > 0 ? m.Entities.Select(ToEntity).ToList() : null;
        Message? reply = null;
        if (withReply && m.ReplyToMessageId is { } r && world.FindMessageForViewer(viewerId, m.ChatId, r) is { IsDeleted: false } target)
            reply = ToMessage(target, viewerId, withReply: false);
        return new Message
        {
            MessageId = (int)m.Id,
            From = m.SenderUserId is { } s ? ToUser(s) : isChannel ? null : null,
            SenderChat = m.SenderChatId is { } sc ? ToChat(sc) : null,
            Date = Unix(m.Date),
            Chat = chat,
            ForwardOrigin = m.ForwardOrigin is { } o ? ToOrigin(o) : null,
            ReplyToMessage = reply,
            EditDate = m.EditDate is { } e ? Unix(e) : null,
            MediaGroupId = m.MediaGroupId,
            AuthorSignature = m.AuthorSignature,
            Text = caption ? null : m.Text,
            Entities = caption ? null : entities,
            Caption = caption ? m.Text : null,
            CaptionEntities = caption ? entities : null,
            Photo = m.Media is { Kind: SimMediaKind.Photo } p
                ? [new PhotoSize { FileId = p.FileId, FileUniqueId = p.FileUniqueId, Width = p.Width, Height = p.Height, FileSize = p.FileSize }]
                : null,
            Video = m.Media is { Kind: SimMediaKind.Video } v
                ? new Video { FileId = v.FileId, FileUniqueId = v.FileUniqueId, Width = v.Width, Height = v.Height, Duration = v.Duration, FileName = v.FileName, MimeType = v.MimeType, FileSize = v.FileSize }
                : null,
            // The wire types model photo, video and document; other kinds travel as documents.
            Document = m.Media is { Kind: not (SimMediaKind.Photo or SimMediaKind.Video) } d
                ? new Document { FileId = d.FileId, FileUniqueId = d.FileUniqueId, FileName = d.FileName, MimeType = d.MimeType, FileSize = d.FileSize }
                : null,
            HasMediaSpoiler = m.Media is { HasSpoiler: true } ? true : null,
            NewChatMembers = m.Service is { Kind: SimServiceAction.NewChatMembers } join ? join.UserIds.Select(ToUser).ToList() : null,
            LeftChatMember = m.Service is { Kind: SimServiceAction.LeftChatMember } left ? ToUser(left.UserIds[0]) : null,
            ReplyMarkup = m.ReplyMarkup is { } k ? ToKeyboard(k) : null,
        };
    }

    public MessageOrigin ToOrigin(SimForwardOrigin o) => o switch
    {
        { IsChannel: true, ChatId: { } c } => new MessageOrigin { Type = MessageOriginType.Channel, Date = Unix(o.Date), Chat = ToChat(c), MessageId = (int?)o.MessageId, AuthorSignature = o.AuthorSignature },
        { ChatId: { } c } => new MessageOrigin { Type = MessageOriginType.Chat, Date = Unix(o.Date), SenderChat = ToChat(c), AuthorSignature = o.AuthorSignature },
        { SenderUserId: { } u } => new MessageOrigin { Type = MessageOriginType.User, Date = Unix(o.Date), SenderUser = ToUser(u) },
        _ => new MessageOrigin { Type = MessageOriginType.HiddenUser, Date = Unix(o.Date), SenderUserName = "Hidden" },
    };

    public static MessageEntity ToEntityStatic(SimEntity e) => new()
    {
        Type = e.Type, Offset = e.Offset, Length = e.Length, Url = e.Url, Language = e.Language, CustomEmojiId = e.CustomEmojiId,
    };

    public MessageEntity ToEntity(SimEntity e) => ToEntityStatic(e) with { User = e.UserId is { } u ? ToUser(u) : null };

    public static SimEntity FromEntity(MessageEntity e) => new(e.Type, e.Offset, e.Length, e.Url, e.Language, e.User?.Id, e.CustomEmojiId);

    public static InlineKeyboardMarkup ToKeyboard(SimInlineKeyboard k) => new()
    {
        InlineKeyboard = k.Rows.Select(r => (IReadOnlyList<InlineKeyboardButton>)r.Select(b => new InlineKeyboardButton { Text = b.Text, CallbackData = b.CallbackData, Url = b.Url }).ToList()).ToList(),
    };

    public static SimInlineKeyboard? FromKeyboard(InlineKeyboardMarkup? k)
    {
        if (k is null) return null;
        foreach (var b in k.InlineKeyboard.SelectMany(r => r))
        {
            if (string.IsNullOrEmpty(b.Text)) throw SimErrors.BadRequest("text buttons are unallowed in the inline keyboard");
            if (b.CallbackData is { } d && System.Text.Encoding.UTF8.GetByteCount(d) > 64) throw SimErrors.BadRequest("BUTTON_DATA_INVALID");
            if (b.CallbackData is null && b.Url is null && b.SwitchInlineQuery is null && b.SwitchInlineQueryCurrentChat is null && b.Pay is null)
                throw SimErrors.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        return k.InlineKeyboard.Count == 0 ? null : new SimInlineKeyboard(k.InlineKeyboard.Select(r => (IReadOnlyList<SimInlineButton>)r.Select(b => new SimInlineButton(b.Text, b.CallbackData, b.Url)).ToList()).ToList());
    }

    public static ChatPermissions ToPermissions(SimPermissions p) => new()
    {
        CanSendMessages = p.CanSendMessages, CanSendAudios = p.CanSendAudios, CanSendDocuments = p.CanSendDocuments, CanSendPhotos = p.CanSendPhotos,
        CanSendVideos = p.CanSendVideos, CanSendVideoNotes = p.CanSendVideoNotes, CanSendVoiceNotes = p.CanSendVoiceNotes, CanSendPolls = p.CanSendPolls,
        CanSendOtherMessages = p.CanSendOtherMessages, CanAddWebPagePreviews = p.CanAddWebPagePreviews, CanChangeInfo = p.CanChangeInfo,
        CanInviteUsers = p.CanInviteUsers, CanPinMessages = p.CanPinMessages, CanManageTopics = p.CanManageTopics,
    };

    /// <summary>Reads ChatPermissions; fields left out are false, as Telegram treats them in restrictChatMember.</summary>
    public static SimPermissions FromPermissions(ChatPermissions p) => new(
        p.CanSendMessages ?? false, p.CanSendAudios ?? false, p.CanSendDocuments ?? false, p.CanSendPhotos ?? false,
        p.CanSendVideos ?? false, p.CanSendVideoNotes ?? false, p.CanSendVoiceNotes ?? false, p.CanSendPolls ?? false,
        p.CanSendOtherMessages ?? false, p.CanAddWebPagePreviews ?? false, p.CanChangeInfo ?? false, p.CanInviteUsers ?? false,
        p.CanPinMessages ?? false, p.CanManageTopics ?? false);

    public ChatMember ToMember(SimMember m, bool isChannel)
    {
        var user = ToUser(m.UserId);
        switch (m.Status)
        {
            case SimMemberStatus.Creator:
                return new ChatMember { Status = ChatMemberStatus.Creator, User = user, IsAnonymous = false, CustomTitle = m.CustomTitle };
            case SimMemberStatus.Administrator:
                var r = m.Rights ?? SimAdminRights.Moderator;
                return new ChatMember
                {
                    Status = ChatMemberStatus.Administrator, User = user, CanBeEdited = false, IsAnonymous = r.IsAnonymous, CustomTitle = m.CustomTitle,
                    CanManageChat = r.CanManageChat, CanDeleteMessages = r.CanDeleteMessages, CanManageVideoChats = r.CanManageVideoChats,
                    CanRestrictMembers = r.CanRestrictMembers, CanPromoteMembers = r.CanPromoteMembers, CanChangeInfo = r.CanChangeInfo,
                    CanInviteUsers = r.CanInviteUsers, CanPostStories = r.CanPostStories, CanEditStories = r.CanEditStories, CanDeleteStories = r.CanDeleteStories,
                    CanPostMessages = isChannel ? r.CanPostMessages : null, CanEditMessages = isChannel ? r.CanEditMessages : null,
                    CanPinMessages = isChannel ? null : r.CanPinMessages, CanManageTopics = isChannel ? null : r.CanManageTopics,
                };
            case SimMemberStatus.Member:
                return new ChatMember { Status = ChatMemberStatus.Member, User = user };
            case SimMemberStatus.Restricted:
                var p = m.Permissions ?? SimPermissions.Muted;
                return new ChatMember
                {
                    Status = ChatMemberStatus.Restricted, User = user, IsMember = m.IsMember,
                    CanSendMessages = p.CanSendMessages, CanSendAudios = p.CanSendAudios, CanSendDocuments = p.CanSendDocuments, CanSendPhotos = p.CanSendPhotos,
                    CanSendVideos = p.CanSendVideos, CanSendVideoNotes = p.CanSendVideoNotes, CanSendVoiceNotes = p.CanSendVoiceNotes, CanSendPolls = p.CanSendPolls,
                    CanSendOtherMessages = p.CanSendOtherMessages, CanAddWebPagePreviews = p.CanAddWebPagePreviews, CanChangeInfo = p.CanChangeInfo,
                    CanInviteUsers = p.CanInviteUsers, CanPinMessages = p.CanPinMessages, CanManageTopics = p.CanManageTopics,
                    UntilDate = m.UntilDate is { } u ? Unix(u) : 0,
                };
            case SimMemberStatus.Kicked:
                return new ChatMember { Status = ChatMemberStatus.Kicked, User = user, UntilDate = m.UntilDate is { } k ? Unix(k) : 0 };
            default:
                return new ChatMember { Status = ChatMemberStatus.Left, User = user };
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
        ExpireDate = l.ExpireDate is { } e ? Unix(e) : null,
        MemberLimit = l.MemberLimit,
    };

    public Update ToUpdate(SimBotUpdate u, long botUserId)
    {
        var update = new Update { UpdateId = u.UpdateId };
        switch (u.Kind)
        {
            case SimUpdateKinds.Message: return update with { Message = ToMessage(u.Message!, botUserId) };
            case SimUpdateKinds.EditedMessage: return update with { EditedMessage = ToMessage(u.Message!, botUserId) };
            case SimUpdateKinds.ChannelPost: return update with { ChannelPost = ToMessage(u.Message!, botUserId) };
            case SimUpdateKinds.EditedChannelPost: return update with { EditedChannelPost = ToMessage(u.Message!, botUserId) };
            case SimUpdateKinds.CallbackQuery:
                var q = u.CallbackQuery!;
                return update with
                {
                    CallbackQuery = new CallbackQuery { Id = q.Id, From = ToUser(q.FromUserId), Message = ToMessage(q.Message, botUserId), ChatInstance = q.ChatInstance, Data = q.Data },
                };
            case SimUpdateKinds.MyChatMember: return update with { MyChatMember = ToMemberUpdated(u.MemberChange!, botUserId) };
            case SimUpdateKinds.ChatMember: return update with { ChatMember = ToMemberUpdated(u.MemberChange!, botUserId) };
            default: return update;
        }
    }

    public ChatMemberUpdated ToMemberUpdated(SimChatMemberChange c, long botUserId)
    {
        var chat = ToChat(c.ChatId);
        var isChannel = chat.Type == ChatType.Channel;
        return new ChatMemberUpdated
        {
            Chat = chat,
            From = ToUser(c.ActorUserId),
            Date = Unix(c.Date),
            OldChatMember = ToMember(c.OldMember, isChannel),
            NewChatMember = ToMember(c.NewMember, isChannel),
            InviteLink = world.FindInvite(c.InviteLink) is { } link ? ToInviteLink(link) : null,
        };
    }
}
