namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>A message as the account sees it; dates are Unix seconds, <see cref="Media"/> a <see cref="MediaKind"/> name.
/// <see cref="ReplyToMessageId"/> is the message of the same chat it replies to; <see cref="ForwardFromChatId"/> and
/// <see cref="ForwardFromMessageId"/> the channel post its forward header names.</summary>
public sealed record MessageWire(
    long ChatId,
    long Id,
    long? SenderUserId,
    long? SenderChatId,
    long Date,
    long? EditDate,
    TextWire Text,
    string Media,
    string? MediaFileId,
    long MediaAlbumId,
    bool IsOutgoing,
    bool IsForwarded,
    long? ReplyToMessageId = null,
    long? ForwardFromChatId = null,
    long? ForwardFromMessageId = null);
