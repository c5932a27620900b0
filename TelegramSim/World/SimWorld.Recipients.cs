namespace Cluster.TelegramSim.World;

// Users as recipients of accounts' private messages: phone numbers of plain users, privacy settings that refuse
// strangers, blocks, resolving a user by id/@username/phone, and the record of what each user received.
public sealed partial class SimWorld
{
    private readonly Dictionary<string, long> _userPhones = [];
    private readonly HashSet<long> _privateUsers = [];
    private readonly HashSet<(long User, long Blocked)> _blocks = [];

    /// <summary>Gives a plain user a phone number, by which accounts can find them (searchUserByPhoneNumber).</summary>
    public void SetUserPhone(long userId, string phoneNumber)
    {
        lock (_sync)
        {
            UserOrThrow(userId);
            var phone = NormalizePhone(phoneNumber);
            if (_phones.ContainsKey(phone) || (_userPhones.TryGetValue(phone, out var owner) && owner != userId))
                throw new ArgumentException($"Phone {phoneNumber} belongs to another user.");
            _userPhones[phone] = userId;
        }
    }

    /// <summary>When <paramref name="refuseStrangers"/>, the user's privacy settings refuse private messages from accounts
    /// they never talked with (USER_PRIVACY_RESTRICTED).</summary>
    public void SetUserPrivacy(long userId, bool refuseStrangers)
    {
        lock (_sync)
        {
            UserOrThrow(userId);
            if (refuseStrangers) _privateUsers.Add(userId);
            else _privateUsers.Remove(userId);
        }
    }

    /// <summary>The user blocks <paramref name="blockedUserId"/>: its private messages are refused (USER_IS_BLOCKED).</summary>
    public void BlockUser(long userId, long blockedUserId)
    {
        lock (_sync)
        {
            UserOrThrow(userId);
            UserOrThrow(blockedUserId);
            _blocks.Add((userId, blockedUserId));
        }
    }

    /// <summary>Every private message (deleted ones left out) the user received from <paramref name="senderId"/>.</summary>
    public IReadOnlyList<SimMessage> GetReceivedFrom(long userId, long senderId)
    {
        lock (_sync)
        {
            if (!_dialogs.ContainsKey((Math.Min(userId, senderId), Math.Max(userId, senderId)))) return [];
            var chat = Dialog(userId, senderId);
            return chat.Messages.Where(m => !m.IsDeleted && !m.IsService && m.SenderUserId == senderId).Select(m => ViewFor(chat, m, userId)).ToList();
        }
    }

    /// <summary>How many private messages containing <paramref name="text"/> each user received from user accounts (deleted ones
    /// left out): the record a campaign's exactly-once check reads. Users who received none are not listed.</summary>
    public IReadOnlyDictionary<long, int> CountReceivedContaining(string text)
    {
        lock (_sync)
        {
            var counts = new Dictionary<long, int>();
            foreach (var chat in _dialogs.Values)
            {
                foreach (var m in chat.Messages)
                {
                    if (m.IsDeleted || m.IsService || m.SenderUserId is not { } sender || !_accounts.ContainsKey(sender)) continue;
                    if (m.Text is null || !m.Text.Contains(text, StringComparison.Ordinal)) continue;
                    var recipient = chat.PeerOf(sender);
                    counts[recipient] = counts.GetValueOrDefault(recipient) + 1;
                }
            }
            return counts;
        }
    }

    /// <summary>A user an account may write to, by id, "@username" or "+phone" (as the account port's canonical reference).</summary>
    internal SimUser AccountResolveUser(long userId, string reference)
    {
        lock (_sync)
        {
            var r = reference.Trim();
            long target;
            if (r.StartsWith('+'))
            {
                var phone = NormalizePhone(r);
                if (!_userPhones.TryGetValue(phone, out target) && !_phones.TryGetValue(phone, out target))
                    throw new SimException(400, "Bad Request: PHONE_NOT_OCCUPIED", "PHONE_NOT_OCCUPIED");
            }
            else if (r.StartsWith('@'))
            {
                if (!_usernames.TryGetValue(r[1..], out target)) throw SimErrors.UsernameNotOccupied();
                if (target < 0) throw SimErrors.BadRequest("chat is not a user", "PEER_ID_INVALID");
            }
            else if (!long.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out target) || !_users.ContainsKey(target))
            {
                throw SimErrors.BadRequest("user not found", "USER_ID_INVALID");
            }
            if (target == userId) throw SimErrors.BadRequest("can't write to self", "PEER_ID_INVALID");
            return _users[target];
        }
    }

    /// <summary>USER_IS_BLOCKED or USER_PRIVACY_RESTRICTED for an account's private message the recipient refuses.</summary>
    private void CheckRecipientAccepts(SimChat chat, long senderId)
    {
        if (!chat.IsPrivate) return;
        var peer = chat.PeerOf(senderId);
        if (_blocks.Contains((peer, senderId))) throw new SimException(403, "Forbidden: USER_IS_BLOCKED", "USER_IS_BLOCKED");
        var known = _accounts.TryGetValue(senderId, out var account) && account.KnownPeers.Contains(peer);
        if (_privateUsers.Contains(peer) && !known) throw new SimException(403, "Forbidden: USER_PRIVACY_RESTRICTED", "USER_PRIVACY_RESTRICTED");
    }
}
