namespace Cluster.TelegramSim.World;

// Membership: the one place where a member's status changes, and the bot and account actions on it.
public sealed partial class SimWorld
{
    /// <summary>Changes a member's state and tells everyone who must know: my_chat_member to the bot
    /// itself, chat_member to admin bots that asked for it, and a service message in groups.</summary>
    private SimMember PutMember(SimChat chat, SimMember member, long actorUserId, SimInviteLink? via, bool emitService)
    {
        var old = MemberOf(chat, member.UserId);
        chat.Members[member.UserId] = member;
        if (IsObserver(member.UserId))
        {
            if (member.IsInChat) chat.Observers.Add(member.UserId); else chat.Observers.Remove(member.UserId);
        }
        if (SameMembership(old, member)) return member;

        var change = new SimChatMemberChange(chat.Id, actorUserId, Now, old, member, via?.Url);
        if (_bots.TryGetValue(member.UserId, out var self)) Enqueue(self, SimUpdateKinds.MyChatMember, memberChange: change);
        foreach (var observer in chat.Observers.ToArray())
        {
            if (observer == member.UserId || !_bots.TryGetValue(observer, out var bot) || !bot.Wants(SimUpdateKinds.ChatMember)) continue;
            if (MemberOf(chat, observer).IsAdmin) Enqueue(bot, SimUpdateKinds.ChatMember, memberChange: change);
        }

        if (emitService && chat.Type is SimChatType.Group or SimChatType.Supergroup)
        {
            if (!old.IsInChat && member.IsInChat)
                AppendService(chat, actorUserId, new SimServiceAction(SimServiceAction.NewChatMembers, [member.UserId]));
            else if (old.IsInChat && !member.IsInChat)
                AppendService(chat, actorUserId, new SimServiceAction(SimServiceAction.LeftChatMember, [member.UserId]));
        }
        return member;
    }

    private static bool SameMembership(SimMember a, SimMember b) =>
        a.Status == b.Status && a.IsMember == b.IsMember && a.UntilDate == b.UntilDate && a.Rights == b.Rights && a.Permissions == b.Permissions
        && a.CustomTitle == b.CustomTitle;

    /// <summary>A user's membership in a chat ("left" when never there).</summary>
    public SimMember GetMember(long chatId, long userId)
    {
        lock (_sync) return MemberOf(ChatOrThrow(chatId), userId);
    }

    /// <summary>Every member record of a chat (including left and kicked users who were once there).</summary>
    public IReadOnlyList<SimMember> GetMembers(long chatId)
    {
        lock (_sync)
        {
            var chat = ChatOrThrow(chatId);
            return chat.Members.Keys.Select(id => MemberOf(chat, id)).ToList();
        }
    }

    // ---- bot actions ----

    /// <summary>getChatMember as a bot: in a channel the bot must be an administrator.</summary>
    internal SimMember BotGetChatMember(long botUserId, string chatRef, long userId)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate)
            {
                if (userId != chat.PeerA && userId != chat.PeerB) { UserOrThrow(userId); return SimMember.NotInChat(chat.Id, userId, Now); }
                return chat.Members[userId];
            }
            var self = MemberOf(chat, botUserId);
            if (chat.Type == SimChatType.Channel && !self.IsAdmin && userId != botUserId) throw SimErrors.MemberListInaccessible();
            if (!self.IsInChat && userId != botUserId) throw self.Status == SimMemberStatus.Kicked ? SimErrors.Kicked(chat.Type) : SimErrors.NotMember(chat.Type);
            UserOrThrow(userId);
            return MemberOf(chat, userId);
        }
    }

    /// <summary>getChatAdministrators as a bot.</summary>
    internal IReadOnlyList<SimMember> BotGetChatAdministrators(long botUserId, string chatRef)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) throw SimErrors.BadRequest("there are no administrators in the private chat");
            var self = MemberOf(chat, botUserId);
            if (chat.Type == SimChatType.Channel && !self.IsAdmin) throw SimErrors.MemberListInaccessible();
            if (!self.IsInChat) throw SimErrors.NotMember(chat.Type);
            return chat.Members.Keys.Select(id => MemberOf(chat, id)).Where(m => m.IsAdmin)
                .OrderBy(m => m.Status == SimMemberStatus.Creator ? 0 : 1).ThenBy(m => m.Since).ToList();
        }
    }

    /// <summary>getChatMemberCount as a bot.</summary>
    internal int BotGetChatMemberCount(long botUserId, string chatRef)
    {
        lock (_sync) return ChatForBot(botUserId, chatRef).CountInChat();
    }

    /// <summary>restrictChatMember as a bot (supergroups only; needs can_restrict_members).</summary>
    internal SimMember BotRestrict(long botUserId, string chatRef, long userId, SimPermissions permissions, bool useIndependent, DateTimeOffset? untilDate)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.Type != SimChatType.Supergroup) throw SimErrors.SupergroupsOnly();
            RequireRestrictRights(chat, botUserId);
            if (userId == botUserId) throw SimErrors.CantRestrictSelf();
            UserOrThrow(userId);
            var old = MemberOf(chat, userId);
            if (old.IsAdmin) throw SimErrors.UserIsAdmin();
            if (!useIndependent) permissions = permissions.WithDependentRules();
            var until = NormalizeUntil(untilDate);
            var inChat = old.IsInChat;
            SimMember next = LiftsRestriction(permissions)
                ? new SimMember(chat.Id, userId, inChat ? SimMemberStatus.Member : (old.Status == SimMemberStatus.Kicked ? SimMemberStatus.Kicked : SimMemberStatus.Left), Now)
                : new SimMember(chat.Id, userId, SimMemberStatus.Restricted, Now, Permissions: permissions, UntilDate: until, IsMember: inChat);
            return PutMember(chat, next, botUserId, null, emitService: false);
        }
    }

    /// <summary>banChatMember as a bot (needs can_restrict_members).</summary>
    internal SimMember BotBan(long botUserId, string chatRef, long userId, DateTimeOffset? untilDate, bool revokeMessages)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) throw SimErrors.BadRequest("can't ban members in private chats");
            RequireRestrictRights(chat, botUserId);
            if (userId == botUserId) throw SimErrors.CantRestrictSelf();
            UserOrThrow(userId);
            var old = MemberOf(chat, userId);
            if (old.Status == SimMemberStatus.Creator) throw SimErrors.CantRemoveOwner();
            if (old.IsAdmin) throw SimErrors.UserIsAdmin();
            var result = PutMember(chat, new SimMember(chat.Id, userId, SimMemberStatus.Kicked, Now, UntilDate: NormalizeUntil(untilDate), IsMember: false),
                botUserId, null, emitService: true);
            if (revokeMessages || chat.Type == SimChatType.Group)
            {
                var ids = chat.Messages.Where(m => !m.IsDeleted && m.SenderUserId == userId && !m.IsService).Select(m => m.Id).ToList();
                if (ids.Count > 0) DeleteCore(chat, ids);
            }
            return result;
        }
    }

    /// <summary>unbanChatMember as a bot: a banned user becomes "left"; without only_if_banned a member is removed too.</summary>
    internal SimMember BotUnban(long botUserId, string chatRef, long userId, bool onlyIfBanned)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) throw SimErrors.BadRequest("can't unban members in private chats");
            RequireRestrictRights(chat, botUserId);
            UserOrThrow(userId);
            var old = MemberOf(chat, userId);
            if (old.Status == SimMemberStatus.Kicked)
                return PutMember(chat, new SimMember(chat.Id, userId, SimMemberStatus.Left, Now), botUserId, null, emitService: false);
            if (onlyIfBanned || !old.IsInChat) return old;
            if (old.Status == SimMemberStatus.Creator) throw SimErrors.CantRemoveOwner();
            if (old.IsAdmin) throw SimErrors.UserIsAdmin();
            return PutMember(chat, new SimMember(chat.Id, userId, SimMemberStatus.Left, Now), botUserId, null, emitService: true);
        }
    }

    /// <summary>createChatInviteLink as a bot (needs can_invite_users).</summary>
    internal SimInviteLink BotCreateInviteLink(long botUserId, string chatRef, string? name, DateTimeOffset? expireDate, int? memberLimit, bool createsJoinRequest)
    {
        lock (_sync)
        {
            var chat = ChatForBot(botUserId, chatRef);
            if (chat.IsPrivate) throw SimErrors.BadRequest("can't invite members to a private chat");
            var self = MemberOf(chat, botUserId);
            if (!self.IsInChat) throw SimErrors.NotMember(chat.Type);
            if (self.EffectiveRights is not { CanInviteUsers: true }) throw SimErrors.NotEnoughRightsToInvite();
            if (memberLimit is < 1 or > 99_999) throw SimErrors.BadRequest("member limit must be between 1 and 99999");
            if (createsJoinRequest && memberLimit is not null) throw SimErrors.BadRequest("can't combine member limit with join requests");
            return NewInvite(chat, botUserId, name, expireDate, memberLimit, createsJoinRequest);
        }
    }

    /// <summary>Creates an invite link of a chat (world setup).</summary>
    public SimInviteLink CreateInviteLink(long chatId, long creatorUserId, string? name = null, DateTimeOffset? expireDate = null, int? memberLimit = null)
    {
        lock (_sync) return NewInvite(ChatOrThrow(chatId), creatorUserId, name, expireDate, memberLimit, false);
    }

    private SimInviteLink NewInvite(SimChat chat, long creator, string? name, DateTimeOffset? expire, int? limit, bool joinRequest)
    {
        var link = new SimInviteLink(RandomToken(16), chat.Id, creator, Now, name, expire, limit, joinRequest);
        _invites[link.Hash] = link;
        return link;
    }

    private void RequireRestrictRights(SimChat chat, long botUserId)
    {
        var self = MemberOf(chat, botUserId);
        if (!self.IsInChat) throw self.Status == SimMemberStatus.Kicked ? SimErrors.Kicked(chat.Type) : SimErrors.NotMember(chat.Type);
        if (self.EffectiveRights is not { CanRestrictMembers: true }) throw SimErrors.NotEnoughRightsToRestrict();
    }

    private static bool LiftsRestriction(SimPermissions p) =>
        p.CanSendMessages && p.CanSendAudios && p.CanSendDocuments && p.CanSendPhotos && p.CanSendVideos && p.CanSendVideoNotes
        && p.CanSendVoiceNotes && p.CanSendPolls && p.CanSendOtherMessages && p.CanAddWebPagePreviews;

    /// <summary>Telegram treats until_date less than 30 s or more than 366 days away as "forever".</summary>
    private DateTimeOffset? NormalizeUntil(DateTimeOffset? until)
    {
        if (until is not { } u) return null;
        var ahead = u - Now;
        return ahead < TimeSpan.FromSeconds(30) || ahead > TimeSpan.FromDays(366) ? null : u;
    }

    // ---- account actions ----

    /// <summary>An account joins a chat by reference (public username or id) or by invite link.</summary>
    internal SimChatInfo AccountJoin(long userId, string reference)
    {
        lock (_sync)
        {
            var (chat, via) = ResolveForAccount(userId, reference, forJoin: true);
            if (chat.IsPrivate) return chat.Snapshot();
            var old = MemberOf(chat, userId);
            if (old.IsInChat) return chat.Snapshot();
            if (old.Status == SimMemberStatus.Kicked) throw new SimException(400, "Bad Request: USER_BANNED_IN_CHANNEL", "USER_BANNED_IN_CHANNEL");
            if (via is not null)
            {
                via = via with { UseCount = via.UseCount + 1 };
                _invites[via.Hash] = via;
            }
            var next = old.Status == SimMemberStatus.Restricted ? old with { IsMember = true, Since = Now } : new SimMember(chat.Id, userId, SimMemberStatus.Member, Now);
            PutMember(chat, next, userId, via, emitService: true);
            return chat.Snapshot();
        }
    }

    /// <summary>A user leaves a chat (accounts and world setup).</summary>
    internal void AccountLeave(long userId, long chatId) => RemoveMember(chatId, userId);

    /// <summary>A user joins a chat through an invite link (world setup; like an account joining).</summary>
    public SimMember JoinByInvite(long userId, string inviteLink)
    {
        lock (_sync)
        {
            AccountJoin(userId, inviteLink);
            var (chat, _) = ResolveForAccount(userId, inviteLink, forJoin: true);
            return MemberOf(chat, userId);
        }
    }
}
