using System.Globalization;
using Cluster.Grains.Abstractions.Guard;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Cluster.Grains.Guard;

/// <summary>The admins' commands of a protected group: /protect, /unprotect, /status, /settings.</summary>
/// <remarks>Admin status is asked of Telegram for every command (commands are rare; a stale cache must not grant them).</remarks>
public sealed partial class ProtectedGroupGrain
{
    private async Task HandleCommandAsync(GuardUser from, int messageId, GuardCommand command)
    {
        var member = await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, from.Id));
        if (member?.Status is not (ChatMemberStatus.Administrator or ChatMemberStatus.Creator))
        {
            if (_warnings.TryAcquire(from.Id)) await SayAsync(GuardTexts.AdminsOnly);
            return;
        }
        _cache.Set(GroupId, from.Id, true);
        switch (command.Name)
        {
            case "protect": await ProtectAsync(command); break;
            case "unprotect": await UnprotectAsync(); break;
            case "status": await SayAsync(StatusText()); break;
            case "settings": await SettingsAsync(command); break;
        }
        await state.WriteStateAsync();
        await PublishToRegistryAsync();
    }

    private async Task ProtectAsync(GuardCommand command)
    {
        if (command.Arguments.Count == 0 && S.Channels.Count == 0)
        {
            await SayAsync(GuardTexts.ProtectUsage);
            return;
        }
        var malformed = command.Arguments.Where(a => !ChannelUsername().IsMatch(a) && !ChannelNumber().IsMatch(a)).ToList();
        if (malformed.Count > 0)
        {
            await SayAsync($"\"{malformed[0]}\" is not a channel username or id. " + GuardTexts.ProtectUsage);
            return;
        }
        var problems = new List<string>();
        var self = await TryGetAsync("getChatMember", () => Client.GetChatMember(GroupId, BotId));
        var missingRights = new List<string>();
        if (self?.Status is not (ChatMemberStatus.Administrator or ChatMemberStatus.Creator)) missingRights.Add("administrator");
        else
        {
            if (self is ChatMemberAdministrator { CanRestrictMembers: false }) missingRights.Add("restrict members");
            if (self is ChatMemberAdministrator { CanDeleteMessages: false }) missingRights.Add("delete messages");
        }
        if (missingRights.Count > 0)
            problems.Add("In this group I need to be an administrator with the rights to delete messages and restrict members (missing: " +
                string.Join(", ", missingRights) + ").");

        var found = new List<LinkedChannel>();
        foreach (var argument in command.Arguments)
        {
            ChatId target = argument.StartsWith('@') ? new ChatId(argument) : new ChatId(long.Parse(argument, CultureInfo.InvariantCulture));
            ChatFullInfo chat;
            try
            {
                chat = await Client.GetChat(target);
            }
            catch (RequestException e)
            {
                problems.Add($"I cannot see {argument} ({e.Message}). Add me to that channel as an administrator, then try again.");
                continue;
            }
            if (chat.Type != ChatType.Channel)
            {
                problems.Add($"{argument} is not a channel.");
                continue;
            }
            var rights = await TryGetAsync("getChatMember", () => Client.GetChatMember(chat.Id, BotId));
            if (rights?.Status is not (ChatMemberStatus.Administrator or ChatMemberStatus.Creator))
            {
                problems.Add($"I am not an administrator of \"{chat.Title}\", so I cannot see who is subscribed to it. Make me an administrator there.");
                continue;
            }
            string? invite = null;
            if (chat.Username is null)
                invite = (await TryGetAsync("createChatInviteLink", () => Client.CreateChatInviteLink(chat.Id, "guard")))?.InviteLink;
            found.Add(new LinkedChannel { ChannelId = chat.Id, Title = chat.Title ?? argument, Username = chat.Username, InviteLink = invite });
        }
        if (problems.Count > 0)
        {
            await SayAsync("Protection is not turned on:\n" + string.Join("\n", problems.Select(p => "• " + p)));
            return;
        }
        foreach (var channel in found)
        {
            var existing = S.Channels.FirstOrDefault(c => c.ChannelId == channel.ChannelId);
            if (existing is not null) S.Channels.Remove(existing);
            S.Channels.Add(channel);
        }
        S.Enabled = true;
        await state.WriteStateAsync();
        foreach (var channel in S.Channels)
            await GrainFactory.GetGrain<IEnforcedChannelGrain>(channel.ChannelId.ToString(CultureInfo.InvariantCulture)).LinkAsync(GroupId, !channel.Paused);
        GuardLog.ProtectionChanged(logger, GroupId, "on", S.Channels.Count);
        await SayAsync("Protection is on. To write here, members must be subscribed to: " + string.Join(", ", S.Channels.Select(c => c.Title)) + ".");
    }

    private async Task UnprotectAsync()
    {
        S.Enabled = false;
        var muted = S.Muted.Values.ToList();
        foreach (var member in muted) await UnmuteAsync(member);
        GuardLog.ProtectionChanged(logger, GroupId, "off", S.Channels.Count);
        await SayAsync($"Protection is off; {muted.Count} member(s) I had muted can write again. The channels and settings are kept: /protect turns it back on.");
    }

    private string StatusText()
    {
        var channels = S.Channels.Count == 0 ? "none"
            : string.Join(", ", S.Channels.Select(c => c.Title + (c.Paused ? " (paused: I am not an admin there)" : "")));
        return $"Protection: {(S.Enabled ? "on" : "off")}\nChannels: {channels}\nMode: {(S.Settings.Mode == GuardMode.Mute ? "mute" : "delete only")}\n" +
            $"Muted now: {S.Muted.Count} · muted in total: {S.MutedCount} · unmuted: {S.UnmutedCount}\n" +
            $"Messages deleted: {S.MessagesDeleted} · warnings: {S.WarningsSent} (suppressed {S.WarningsSuppressed})\n" +
            $"Cache: {_cache.Hits} hits, {_cache.Misses} misses";
    }

    private async Task SettingsAsync(GuardCommand command)
    {
        var args = command.Arguments;
        string reply;
        if (args.Count == 0)
        {
            reply = $"Mode: {(S.Settings.Mode == GuardMode.Mute ? "mute" : "delete")}\nWarning: {S.Settings.WarningText}\n" +
                $"Warnings deleted after: {S.Settings.WarningDeleteAfterSeconds} s\nAllowed users: {(S.AllowList.Count == 0 ? "none" : string.Join(", ", S.AllowList))}\n" +
                GuardTexts.SettingsUsage;
        }
        else
        {
            var key = args[0].ToLowerInvariant();
            var value = command.RawArguments[args[0].Length..].Trim();
            reply = key switch
            {
                "mode" when value is "mute" => Set(S.Settings with { Mode = GuardMode.Mute }, "Mode: mute members who are missing a channel."),
                "mode" when value is "delete" or "delete-only" => Set(S.Settings with { Mode = GuardMode.DeleteOnly }, "Mode: only delete their messages."),
                "warning" when value.Length is > 0 and <= 1000 => Set(S.Settings with { WarningText = value }, "Warning text changed."),
                "autodelete" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400 =>
                    Set(S.Settings with { WarningDeleteAfterSeconds = seconds }, seconds == 0 ? "Warnings are kept." : $"Warnings are deleted after {seconds} s."),
                "allow" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var allowed) && allowed > 0 => Allow(allowed),
                "disallow" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var removed) && removed > 0 => Disallow(removed),
                _ => GuardTexts.SettingsUsage,
            };
        }
        await SayAsync(reply);
    }

    private string Set(GuardSettings settings, string reply)
    {
        S.Settings = settings;
        return reply;
    }

    private string Allow(long userId)
    {
        if (!S.AllowList.Contains(userId)) S.AllowList.Add(userId);
        return $"User {userId} may write without being subscribed.";
    }

    private string Disallow(long userId)
    {
        S.AllowList.Remove(userId);
        return $"User {userId} must be subscribed like everyone else.";
    }
}
