namespace Cluster.TelegramSim.Control;

/// <summary>The JSON world file (camelCase). Users are named in references by "@username", "+phone" or id.</summary>
public sealed record WorldFileModel(
    IReadOnlyList<WorldFileUser>? Users = null,
    IReadOnlyList<WorldFileAccount>? Accounts = null,
    IReadOnlyList<WorldFileBot>? Bots = null,
    IReadOnlyList<WorldFileChat>? Chats = null);

/// <summary>A plain user of the world file.</summary>
public sealed record WorldFileUser(string FirstName, string? Username = null, long? Id = null, bool IsPremium = false);

/// <summary>An account of the world file.</summary>
public sealed record WorldFileAccount(string Phone, string FirstName, string? Username = null, string? Password = null, string? LoginCode = null, long? Id = null, bool IsPremium = false);

/// <summary>A bot of the world file.</summary>
public sealed record WorldFileBot(string Username, string? Token = null, string? FirstName = null, bool PrivacyMode = true, long? Id = null);

/// <summary>A chat of the world file: "channel", "supergroup" or "group".</summary>
public sealed record WorldFileChat(
    string Type,
    string Title,
    string? Username = null,
    string? Owner = null,
    long? Id = null,
    string? Description = null,
    string? LinkedChat = null,
    IReadOnlyList<WorldFileMember>? Members = null,
    IReadOnlyList<string>? Posts = null);

/// <summary>A member of a chat in the world file: status "member", "administrator", "restricted" or "kicked".</summary>
public sealed record WorldFileMember(string User, string Status = "member");
