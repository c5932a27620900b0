using Cluster.Grains.Abstractions.Guard;
using Cluster.Grains.Guard;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Bots;

/// <summary>Decides which grain owns an update and turns Telegram.Bot's types into the guard's records: group messages, button
/// presses and member changes go to the group's grain, member changes in a channel to the channel's grain.</summary>
/// <remarks>The one place an update is routed (STYLE: one way through). Kinds nobody handles (channel posts, private chats,
/// kinds this version does not model) give null and are skipped.</remarks>
internal static class UpdateRouter
{
    /// <summary>The target grain's id (to keep each grain's updates in order) and the call, or null when nobody owns it.</summary>
    public static (string Target, Func<Task> Call)? Route(IGrainFactory grains, string botKey, Update update)
    {
        if (update.Message is { } message && IsGroup(message.Chat.Type))
        {
            var group = grains.GetGrain<IProtectedGroupGrain>(Key(message.Chat.Id));
            var routed = new GroupMessage(message.Chat.Id, message.MessageId, message.From is { } f ? ToUser(f) : null, message.SenderChat?.Id,
                message.Text ?? message.Caption, message.NewChatMembers?.Select(ToUser).ToList(), message.Chat.Title);
            return ("group/" + Key(message.Chat.Id), () => group.HandleMessageAsync(botKey, routed));
        }
        if (update.CallbackQuery is { Message: { } pressed, Data: { } data } query && IsGroup(pressed.Chat.Type))
        {
            var group = grains.GetGrain<IProtectedGroupGrain>(Key(pressed.Chat.Id));
            var press = new ButtonPress(query.Id, pressed.Chat.Id, pressed.MessageId, ToUser(query.From), data);
            return ("group/" + Key(pressed.Chat.Id), () => group.HandleButtonAsync(botKey, press));
        }
        if ((update.ChatMember ?? update.MyChatMember) is { } member)
        {
            var change = ToChange(member);
            if (member.Chat.Type == ChatType.Channel)
            {
                var channel = grains.GetGrain<IEnforcedChannelGrain>(Key(member.Chat.Id));
                return ("channel/" + Key(member.Chat.Id), () => channel.HandleMemberChangeAsync(botKey, change));
            }
            if (IsGroup(member.Chat.Type))
            {
                var group = grains.GetGrain<IProtectedGroupGrain>(Key(member.Chat.Id));
                return ("group/" + Key(member.Chat.Id), () => group.HandleMemberChangeAsync(botKey, change));
            }
        }
        return null;
    }

    public static string Key(long chatId) => chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsGroup(ChatType type) => type is ChatType.Group or ChatType.Supergroup;

    private static GuardUser ToUser(User user) => new(user.Id, user.IsBot, user.FirstName);

    private static MemberChange ToChange(ChatMemberUpdated update)
    {
        var now = update.NewChatMember;
        var canRestrict = now is ChatMemberOwner or ChatMemberAdministrator { CanRestrictMembers: true };
        var canDelete = now is ChatMemberOwner or ChatMemberAdministrator { CanDeleteMessages: true };
        return new MemberChange(update.Chat.Id, MemberStatus.Name(update.Chat.Type), update.Chat.Title, ToUser(now.User), update.From.Id,
            MemberStatus.Name(update.OldChatMember.Status), update.OldChatMember.IsInChat, MemberStatus.Name(now.Status), now.IsInChat, canRestrict, canDelete);
    }
}
