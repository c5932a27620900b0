namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>A message as the account sees it; dates are Unix seconds, <see cref="Media"/> a <see cref="MediaKind"/> name.</summary>
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
    bool IsForwarded);
