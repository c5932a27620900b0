namespace Cluster.Telegram.Accounts.Tdlib;

/// <summary>What a <see cref="TdlibChatReference"/> names a chat by.</summary>
internal enum TdlibChatReferenceKind { ChatId, Username, InviteLink }
