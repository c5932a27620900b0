namespace Cluster.TelegramSim.Control;

/// <summary>POST /sim/users</summary>
public sealed record CreateUserRequest(string FirstName, string? Username = null, bool IsPremium = false);

/// <summary>POST /sim/accounts</summary>
public sealed record CreateAccountRequest(string Phone, string FirstName, string? Username = null, string? Password = null, string? LoginCode = null, bool IsPremium = false);

/// <summary>POST /sim/bots</summary>
public sealed record CreateBotRequest(string Username, string? Token = null, string? FirstName = null, bool PrivacyMode = true);

/// <summary>POST /sim/chats: Type is "channel", "supergroup" or "group".</summary>
public sealed record CreateChatRequest(string Type, string Title, string? Username = null, long? OwnerUserId = null, string? Description = null);

/// <summary>POST /sim/chats/{chatId}/members: Status is "member", "administrator", "left", "kicked" or "restricted"
/// (restricted uses Permissions, default muted; administrator uses Rights, default moderator).</summary>
public sealed record SetMemberRequest(long UserId, string Status = "member", World.SimAdminRights? Rights = null, World.SimPermissions? Permissions = null, DateTimeOffset? UntilDate = null);

/// <summary>POST /sim/chats/{chatId}/posts (as the channel) and /sim/chats/{chatId}/messages (as FromUserId):
/// Media is "photo", "video" or "document"; AlbumSize &gt; 1 posts an album.</summary>
public sealed record PostRequest(string? Text, long? FromUserId = null, string? Media = null, int AlbumSize = 1, long? ReplyToMessageId = null);

/// <summary>POST /sim/chats/{chatId}/documents: a user sends a file (its bytes base64-encoded) with an optional caption.</summary>
public sealed record SendDocumentRequest(long FromUserId, string FileName, string ContentBase64, string? MimeType = null, string? Caption = null);

/// <summary>POST /sim/chats/{chatId}/edits</summary>
public sealed record EditRequest(long MessageId, string Text, long? FromUserId = null);

/// <summary>POST /sim/chats/{chatId}/deletions</summary>
public sealed record DeleteRequest(IReadOnlyList<long> MessageIds);

/// <summary>POST /sim/chats/{chatId}/link</summary>
public sealed record LinkRequest(long LinkedChatId);

/// <summary>POST /sim/buttons: a user presses an inline button.</summary>
public sealed record PressButtonRequest(long UserId, long ChatId, long MessageId, string Data);

/// <summary>Answer of POST /sim/buttons.</summary>
public sealed record PressButtonResponse(string QueryId);

/// <summary>Answer of POST /sim/faults and the traffic starters.</summary>
public sealed record IdResponse(long Id);

/// <summary>GET /sim/calls/counts</summary>
public sealed record CallCountsResponse(IReadOnlyDictionary<string, long> ByError, long TooManyRequests, long Conflicts, long AuthKeyDuplicated);

/// <summary>GET /sim/world</summary>
public sealed record WorldSummary(IReadOnlyList<World.SimUser> Users, IReadOnlyList<World.SimAccountInfo> Accounts, IReadOnlyList<World.SimBotInfo> Bots, IReadOnlyList<World.SimChatInfo> Chats);

/// <summary>An error of the control API.</summary>
public sealed record ControlError(string Error);

/// <summary>GET /sim/received?contains=TEXT: how many private messages containing TEXT one user received from user accounts.</summary>
public sealed record ReceivedCount(long UserId, int Count);
