namespace Cluster.Telegram.Accounts;

/// <summary>How to connect one account. <see cref="ApiHash"/> is a secret: never log it.
/// <see cref="SessionDirectory"/> is where the adapter keeps its session files (TDLib's database); the
/// caller restores it from the cluster database before and saves it back after changes. <see cref="SessionTimeLeft"/>, when
/// given, is asked before every request: how much longer this process may use the session (its lease). At zero the adapter
/// refuses with <see cref="SessionNotHeldException"/> instead of reaching Telegram, and no long poll is opened for longer
/// than what is left (a frozen process's open poll must not outlive its lease).</summary>
public sealed record AccountConnection(
    string AccountId,
    int ApiId,
    string ApiHash,
    string? PhoneNumber,
    string SessionDirectory,
    Func<TimeSpan>? SessionTimeLeft = null)
{
    /// <summary>How long this process may still use the session; throws <see cref="SessionNotHeldException"/> when nothing is
    /// left. <see cref="TimeSpan.MaxValue"/> without a lease.</summary>
    public TimeSpan EnsureSessionHeld()
    {
        if (SessionTimeLeft is null) return TimeSpan.MaxValue;
        var left = SessionTimeLeft();
        return left > TimeSpan.Zero ? left : throw new SessionNotHeldException(AccountId);
    }

    public override string ToString() => $"AccountConnection {{ AccountId = {AccountId}, ApiId = {ApiId}, ApiHash = ***, SessionDirectory = {SessionDirectory} }}";
}

/// <summary>The log-in state machine of an account.</summary>
public enum AuthorizationState
{
    /// <summary>Not started yet.</summary>
    None,
    WaitPhoneNumber,
    WaitCode,
    WaitPassword,
    Ready,
    LoggingOut,
    /// <summary>The session ended (logged out, revoked, or closed).</summary>
    Closed,
}

public sealed record AccountUser(long Id, string? Username, string FirstName, bool IsPremium);

public enum ChatKind { Private, BasicGroup, Supergroup, Channel }

public sealed record ChatInfo(long Id, ChatKind Kind, string Title, string? Username, bool IsMember, bool CanPost);

/// <summary>The kind of media a message carries; <see cref="None"/> for plain text.</summary>
public enum MediaKind { None, Photo, Video, Document, Audio, Voice, Animation, Sticker, VideoNote, Other }

/// <summary>A text entity (bold, link, ...) by UTF-16 offset and length, as Telegram counts them.</summary>
public sealed record TextEntity(int Offset, int Length, string Type, string? Url = null);

public sealed record FormattedText(string Text, IReadOnlyList<TextEntity> Entities)
{
    public static FormattedText Plain(string text) => new(text, []);
}

/// <summary>A message as an account sees it. <see cref="Text"/> is the text, or the caption of media.
/// Messages of one album share <see cref="MediaAlbumId"/>. <see cref="ReplyToMessageId"/> is the message of the same
/// chat it replies to (null when it is no reply, or replies to a message of another chat or a story).
/// <see cref="ForwardedFrom"/> names the channel post a forward was made from, when its header says so (a forward of a
/// user's message, or of a post whose channel hides it, has none).</summary>
public sealed record AccountMessage(
    long ChatId,
    long Id,
    long? SenderUserId,
    long? SenderChatId,
    DateTimeOffset Date,
    DateTimeOffset? EditDate,
    FormattedText Text,
    MediaKind Media,
    string? MediaFileId,
    long MediaAlbumId,
    bool IsOutgoing,
    bool IsForwarded,
    long? ReplyToMessageId = null,
    ForwardSource? ForwardedFrom = null);

/// <summary>The channel post a forward was made from, as its forward header names it.</summary>
public sealed record ForwardSource(long ChatId, long MessageId);

/// <summary>Options of <see cref="IAccountClient.ForwardMessagesAsync"/>. <see cref="ReplyToMessageId"/> makes copies
/// replies to that message of the destination chat (every message of an album); it needs <see cref="SendCopy"/>:
/// Telegram (TDLib's forwardMessages) cannot forward with the header as a reply. A reply to a message that does not
/// exist (deleted, never there) is sent as a plain message, as TDLib does.</summary>
public sealed record ForwardOptions(bool SendCopy, IReadOnlyDictionary<long, FormattedText>? NewCaptions = null, long? ReplyToMessageId = null)
{
    public static ForwardOptions WithHeader { get; } = new(false);
    public static ForwardOptions Copy { get; } = new(true);
}

/// <summary>Something that happened to an account.</summary>
public abstract record AccountUpdate;

/// <summary>New messages of one chat: one message, or all messages of one album together.</summary>
public sealed record NewMessagesUpdate(long ChatId, IReadOnlyList<AccountMessage> Messages) : AccountUpdate;

public sealed record MessageEditedUpdate(AccountMessage Message) : AccountUpdate;

public sealed record MessagesDeletedUpdate(long ChatId, IReadOnlyList<long> MessageIds) : AccountUpdate;

public sealed record AuthorizationStateChangedUpdate(AuthorizationState State) : AccountUpdate;
